package io.eddy.client.cli;

import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobDetails;
import io.eddy.api.execution.JobExecutionResult;
import io.eddy.api.execution.JobListener;
import io.eddy.api.execution.JobStatus;
import io.eddy.api.execution.OperatorDetails;
import io.eddy.api.execution.VertexDetails;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Shows the jobs a program runs: while a job runs, its status and per-operator record counts on
 * one line that refreshes in place on a terminal (or a plain line every few seconds otherwise);
 * when it ends, a summary table. Every job's id is printed as soon as it is submitted; detached, that
 * is all (the command returns while the job runs on).
 */
final class ProgressReporter implements JobListener {
    private static final long POLL_MILLIS = 500;
    /** Without a terminal, print every this many polls so logs stay readable. */
    private static final int PLAIN_EVERY = 4;

    private final PrintStream err;
    private final boolean terminal;
    private final int width;
    private final boolean detached;
    private final List<Thread> watchers = new ArrayList<>();
    private int submitted;
    private int lastLineLength;

    ProgressReporter(PrintStream err, boolean terminal, int width, boolean detached) {
        this.err = err;
        this.terminal = terminal;
        this.width = width;
        this.detached = detached;
    }

    @Override
    public synchronized void onJobSubmitted(JobClient client, Throwable error) {
        if (client == null) {
            return;
        }
        submitted++;
        print("Job " + client.getJobId() + " submitted" + (detached ? "; it runs on without this command" : ""));
        if (!detached) {
            follow(client);
        }
    }

    /** Shows the progress of {@code client}'s job until it ends. */
    synchronized void follow(JobClient client) {
        Thread watcher = new Thread(() -> watch(client), "eddy-progress-" + client.getJobId());
        watcher.setDaemon(true);
        watchers.add(watcher);
        watcher.start();
    }

    @Override
    public void onJobExecuted(JobExecutionResult result, Throwable error) {
        awaitJobs();
    }

    synchronized int jobsSubmitted() {
        return submitted;
    }

    /** Waits until every submitted job has ended and its summary is printed. */
    void awaitJobs() {
        List<Thread> current;
        synchronized (this) {
            current = new ArrayList<>(watchers);
        }
        for (Thread watcher : current) {
            try {
                watcher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void watch(JobClient client) {
        try {
            for (int poll = 0; ; poll++) {
                JobDetails details = client.getJobDetails().get(10, TimeUnit.SECONDS);
                if (details.status().isTerminal()) {
                    printSummary(details);
                    return;
                }
                if (terminal) {
                    refresh(progressLine(details));
                } else if (poll % PLAIN_EVERY == PLAIN_EVERY - 1) {
                    print(progressLine(details));
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            print("(no more progress from job " + client.getJobId() + ": " + e + ")");
        }
    }

    String progressLine(JobDetails details) {
        StringBuilder line = new StringBuilder();
        line.append(details.status()).append(' ').append(seconds(details.durationMillis()));
        for (VertexDetails vertex : details.vertices()) {
            for (OperatorDetails op : vertex.operators()) {
                line.append(" | ").append(op.name()).append(' ')
                        .append(count(op.recordsIn())).append('>').append(count(op.recordsOut()));
            }
            if (vertex.backpressureRatio() >= 0.1) {
                line.append(String.format(Locale.ROOT, " (backpressured %.0f%%)", vertex.backpressureRatio() * 100));
            }
        }
        return line.length() > width ? line.substring(0, width - 1) + "…" : line.toString();
    }

    private synchronized void refresh(String line) {
        int pad = Math.max(0, lastLineLength - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastLineLength = line.length();
    }

    private synchronized void print(String line) {
        clearLine();
        err.println(line);
        err.flush();
    }

    private void clearLine() {
        if (lastLineLength > 0) {
            err.print("\r" + " ".repeat(lastLineLength) + "\r");
            lastLineLength = 0;
        }
    }

    private synchronized void printSummary(JobDetails details) {
        clearLine();
        err.printf(Locale.ROOT, "Job %s (%s) %s in %s%n", details.jobId(), details.name(), details.status(),
                seconds(details.durationMillis()));
        if (details.status() != JobStatus.FINISHED) {
            err.flush();
            return;
        }
        int nameWidth = 8;
        for (VertexDetails vertex : details.vertices()) {
            for (OperatorDetails op : vertex.operators()) {
                nameWidth = Math.max(nameWidth, Math.min(60, op.name().length()));
            }
        }
        String row = "  %-" + nameWidth + "s %11s %14s %14s%n";
        err.printf(Locale.ROOT, row, "operator", "parallelism", "records in", "records out");
        for (VertexDetails vertex : details.vertices()) {
            for (OperatorDetails op : vertex.operators()) {
                err.printf(Locale.ROOT, row, op.name(), vertex.parallelism(), op.recordsIn(), op.recordsOut());
            }
        }
        err.flush();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    /** Short human form: 999, 12.3k, 4.56M. */
    static String count(long n) {
        if (n < 10_000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        if (n < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2fM", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.2fG", n / 1e9);
    }
}
