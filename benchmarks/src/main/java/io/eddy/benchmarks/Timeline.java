package io.eddy.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Prints, for each second of a run, the records that reached the sinks in that second and the CPU
 * time the process spent in it, so a slow start (JIT, first touch of the heap, buffers filling) is
 * visible next to the steady state:
 * <pre>TIMELINE second=3 records=5210000 records_per_s=1730000 cpu_ms=1950 cpu_ns_per_record=1127 sys_ms=420 page_faults=51200</pre>
 * The CPU time per record of each second shows warm-up even when other load on the machine makes the
 * rate itself noisy.
 * {@code sys_ms} (kernel time) and {@code page_faults} (minor faults: memory touched for the first
 * time) where the system shows them ({@code /proc/self/stat}), else -1.
 * One daemon thread; the record count comes from the sinks' live counts.
 */
final class Timeline implements AutoCloseable {
    private final LongSupplier records;
    private final PrintStream out;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "eddy-bench-timeline");
        t.setDaemon(true);
        return t;
    });
    /** Sampler thread only. */
    private int second;
    private long lastRecords;
    private long lastCpuNanos = processCpuNanos();
    private long lastSysMillis = ProcessTimes.sysMillis();
    private long lastFaults = ProcessTimes.minorFaults();

    Timeline(LongSupplier records, PrintStream out) {
        this.records = records;
        this.out = out;
        this.lastRecords = records.getAsLong();
        sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        long now = records.getAsLong();
        long cpu = processCpuNanos();
        long sys = ProcessTimes.sysMillis();
        long faults = ProcessTimes.minorFaults();
        second++;
        long records = now - lastRecords;
        out.printf(Locale.ROOT, "TIMELINE second=%d records=%d records_per_s=%d cpu_ms=%d cpu_ns_per_record=%d sys_ms=%d"
                + " page_faults=%d%n", second, now, records, (cpu - lastCpuNanos) / 1_000_000,
                records == 0 ? -1 : (cpu - lastCpuNanos) / records, sys < 0 ? -1 : sys - lastSysMillis,
                faults < 0 ? -1 : faults - lastFaults);
        lastRecords = now;
        lastCpuNanos = cpu;
        lastSysMillis = sys;
        lastFaults = faults;
    }

    @Override
    public void close() throws InterruptedException {
        sampler.shutdown();
        sampler.awaitTermination(5, TimeUnit.SECONDS);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** User and system time of this process from {@code /proc/self/stat} (Linux); -1 elsewhere. */
    static final class ProcessTimes {
        /** Clock ticks per second of {@code /proc}'s times: 100 on every Linux of the last decades. */
        private static final long TICKS_PER_SECOND = 100;

        private ProcessTimes() {}

        static long sysMillis() {
            long ticks = field(15);
            return ticks < 0 ? -1 : ticks * 1000 / TICKS_PER_SECOND;
        }

        static long userMillis() {
            long ticks = field(14);
            return ticks < 0 ? -1 : ticks * 1000 / TICKS_PER_SECOND;
        }

        static long minorFaults() {
            return field(10);
        }

        /** Field {@code n} (1-based, as proc(5) numbers them), or -1. */
        private static long field(int n) {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                // the command name (field 2) may hold spaces: count from the parenthesis that closes it
                String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(rest[n - 3]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
