package io.eddy.benchmarks;

import io.eddy.api.config.Configuration;
import io.eddy.api.connector.sink.DiscardingSink;
import io.eddy.api.connector.source.Boundedness;
import io.eddy.api.connector.source.InputStatus;
import io.eddy.api.connector.source.Source;
import io.eddy.api.connector.source.SourceOutput;
import io.eddy.api.connector.source.SourceReader;
import io.eddy.api.connector.source.SourceReaderContext;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.CheckpointingConfigOptions;
import io.eddy.api.execution.JobClient;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichFlatMapFunction;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.runtime.checkpoint.CheckpointStats;
import io.eddy.runtime.checkpoint.CheckpointStatsSnapshot;
import io.eddy.runtime.minicluster.LocalExecutorFactory;
import io.eddy.runtime.minicluster.MiniCluster;
import io.eddy.runtime.minicluster.MiniClusterOptions;
import io.eddy.runtime.taskmanager.TaskManagerOptions;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Checkpoints of large keyed heap state through a running job, {@code eddy-bench -c MS state MB [N]}:
 * a source (2 subtasks) → keyBy → a map (2 subtasks) holding a 100-byte {@code ValueState<byte[]>}
 * per key. The sources first emit every key once (filling about MB megabytes of state), then
 * random keys at full speed, each replacing its key's value; checkpoints are taken every MS ms
 * (with a pause of MS ms after each, so there are quiet gaps to compare with) into the checkpoint
 * directory. The embedded cluster runs in this JVM, so the heap must hold the state several times
 * over (copy-on-write keeps replaced values while a snapshot is written).
 *
 * <p>Per checkpoint it prints, from the job's checkpoint statistics, sync and async ms (max over
 * the subtasks), size and end-to-end ms; from the records the maps processed (sampled every
 * {@value #SAMPLE_MILLIS} ms in this JVM) the processing rate during the asynchronous phase and in
 * the gap before the checkpoint, the longest stretch in which a map subtask processed nothing,
 * and the garbage collection pauses. The result line sums up the N (default 5) checkpoints
 * triggered after the fill.
 */
final class StateCheckpointBenchmark {
    static final int PARALLELISM = 2;
    static final int VALUE_BYTES = 100;
    /** Bytes per key in a keyed state file: the key (8), the value's length (1 byte varint) and the value. */
    static final int ENTRY_BYTES = 8 + 1 + VALUE_BYTES;
    private static final long SAMPLE_MILLIS = 20;
    /** A map subtask publishes its count every 1024 records: an ordered store, no per-record sharing. */
    private static final int PUBLISH_MASK = 1023;

    /** Records processed per map subtask, as last published. */
    static final AtomicLongArray PROCESSED = new AtomicLongArray(PARALLELISM);
    /** Source subtasks that emitted all their fill keys. */
    static final AtomicInteger FILLED = new AtomicInteger();

    private StateCheckpointBenchmark() {}

    /** Every key of the state once (this subtask's share), then random keys until cancelled. */
    static final class KeySource implements Source<Long, Integer> {
        private static final long serialVersionUID = 1L;
        private final long keys;

        KeySource(long keys) {
            this.keys = keys;
        }

        @Override
        public Boundedness getBoundedness() {
            return Boundedness.CONTINUOUS_UNBOUNDED;
        }

        /** One split per reader, for form: a reader takes its share of the keys by its subtask index. */
        @Override
        public List<Integer> createSplits(int parallelism) {
            return Collections.nCopies(parallelism, 0);
        }

        @Override
        public TypeInfo<Long> getProducedType() {
            return Types.LONG;
        }

        @Override
        public SourceReader<Long, Integer> createReader(SourceReaderContext context) {
            int parallelism = context.getParallelism();
            return new SourceReader<>() {
                private long nextFillKey = context.getIndexOfSubtask();
                private long random = 0x9E3779B97F4A7C15L * (context.getIndexOfSubtask() + 1);

                @Override
                public void addSplits(List<Integer> splits) {}

                @Override
                public InputStatus pollNext(SourceOutput<Long> output) {
                    if (nextFillKey < keys) {
                        output.collect(nextFillKey);
                        nextFillKey += parallelism;
                        if (nextFillKey >= keys) {
                            FILLED.incrementAndGet();
                        }
                        return InputStatus.MORE_AVAILABLE;
                    }
                    random ^= random << 13; // xorshift64: cheap, no allocation
                    random ^= random >>> 7;
                    random ^= random << 17;
                    output.collect((random >>> 1) % keys);
                    return InputStatus.MORE_AVAILABLE;
                }

                /** Positions are not kept: the benchmark never restores. */
                @Override
                public List<Integer> snapshotState(long checkpointId) {
                    return List.of();
                }
            };
        }
    }

    /** Replaces the key's value with a new one (values must not change in place under copy-on-write snapshots). */
    static final class UpdateState extends RichFlatMapFunction<Long, Long> {
        private transient ValueState<byte[]> value;
        private transient int subtask;
        private long processed;

        @Override
        public void open(OpenContext context) {
            value = getRuntimeContext().getState(new ValueStateDescriptor<>("value", Types.BYTE_ARRAY));
            subtask = getRuntimeContext().getIndexOfThisSubtask();
        }

        @Override
        public void flatMap(Long key, Collector<Long> out) throws Exception {
            value.update(new byte[VALUE_BYTES]);
            if ((++processed & PUBLISH_MASK) == 0) {
                PROCESSED.lazySet(subtask, processed);
            }
        }
    }

    /** The records each map subtask had processed at {@code millis}, and the JVM's garbage collection pauses by then. */
    private record Sample(long millis, long[] processed, long gcMillis) {
        long total() {
            long sum = 0;
            for (long p : processed) {
                sum += p;
            }
            return sum;
        }
    }

    /** Samples the map subtasks' counts until stopped; notes when the sources finished filling. */
    private static final class Sampler extends Thread {
        private final List<Sample> samples = new ArrayList<>();
        private volatile boolean stopped;
        private volatile long filledAt;

        Sampler() {
            super("state-benchmark-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!stopped) {
                long now = System.currentTimeMillis();
                long[] processed = new long[PARALLELISM];
                for (int i = 0; i < PARALLELISM; i++) {
                    processed[i] = PROCESSED.get(i);
                }
                long gc = 0;
                for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                    if (!collector.getName().contains("Concurrent")) { // pauses only (newer JDKs add G1's concurrent cycles)
                        gc += Math.max(0, collector.getCollectionTime());
                    }
                }
                samples.add(new Sample(now, processed, gc));
                if (filledAt == 0 && FILLED.get() == PARALLELISM) {
                    filledAt = now;
                }
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Stops sampling; the samples may be read afterwards. */
        List<Sample> finish() throws InterruptedException {
            stopped = true;
            join();
            return samples;
        }
    }

    /** Runs the workload and prints the figures to {@code out}. */
    static void run(Configuration config, long megabytes, int measured, PrintStream out) throws Exception {
        long interval = config.get(CheckpointingConfigOptions.INTERVAL).toMillis();
        config.set(CheckpointingConfigOptions.MIN_PAUSE, Duration.ofMillis(interval));
        config.set(CheckpointingConfigOptions.TOLERABLE_FAILURES, 10);
        long keys = megabytes * (1 << 20) / ENTRY_BYTES;
        PROCESSED.set(0, 0);
        PROCESSED.set(1, 0);
        FILLED.set(0);

        Configuration clusterConfig = new Configuration();
        clusterConfig.set(MiniClusterOptions.NUM_TASK_MANAGERS, 1);
        clusterConfig.set(TaskManagerOptions.NUM_TASK_SLOTS, PARALLELISM);
        MiniCluster cluster = new MiniCluster(clusterConfig);
        LocalExecutorFactory.useSharedCluster(cluster);
        Sampler sampler = new Sampler();
        Map<Long, CheckpointStats> ended = new TreeMap<>();
        long started;
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
            env.setParallelism(PARALLELISM);
            env.fromSource(new KeySource(keys), "Keys")
                    .keyBy(k -> k, Types.LONG)
                    .flatMap(new UpdateState()).returns(Types.LONG)
                    .sinkTo(new DiscardingSink<>());
            out.printf(Locale.ROOT, "state: about %,d MB in %,d keys of %d-byte values (parallelism %d), "
                    + "a checkpoint every %d ms with a pause of %d ms after each, into %s%n", megabytes, keys,
                    VALUE_BYTES, PARALLELISM, interval, interval, config.get(CheckpointingConfigOptions.DIRECTORY));
            started = System.currentTimeMillis();
            JobClient job = env.executeAsync("benchmark state " + megabytes + " MB");
            sampler.start();
            while (measuredCount(ended, sampler.filledAt) < measured) {
                if (job.getJobExecutionResult().isDone()) {
                    job.getJobExecutionResult().get(); // throws why the job ended
                    throw new IllegalStateException("The job ended before " + measured + " checkpoints were measured");
                }
                CheckpointStatsSnapshot stats = cluster.getCheckpointStats(job.getJobId());
                for (CheckpointStats c : stats.history()) {
                    if (c.status() != CheckpointStats.Status.IN_PROGRESS) {
                        ended.putIfAbsent(c.id(), c);
                    }
                }
                Thread.sleep(100);
            }
            job.cancel();
            try {
                job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
            } catch (ExecutionException expected) {
                // cancelled
            }
        } finally {
            LocalExecutorFactory.useSharedCluster(null);
            cluster.close();
        }
        List<Sample> samples = sampler.finish();
        report(ended, samples, sampler.filledAt, started, keys, megabytes, measured, out);
    }

    private static long measuredCount(Map<Long, CheckpointStats> ended, long filledAt) {
        return filledAt == 0 ? 0 : ended.values().stream().filter(c -> c.triggerTimestamp() >= filledAt).count();
    }

    /**
     * One line per ended checkpoint (those triggered while the sources still filled the state are
     * marked "fill" and left out of the result), then the result over the first
     * {@code measuredCheckpoints} others: the rate during their asynchronous phases against the
     * rate in the gaps between them.
     */
    private static void report(Map<Long, CheckpointStats> ended, List<Sample> samples, long filledAt, long started,
            long keys, long megabytes, int measuredCheckpoints, PrintStream out) {
        double fillSeconds = (filledAt - started) / 1000.0;
        out.printf(Locale.ROOT, "filled %,d keys in %.1f s (%,.0f keys/s, with checkpoints of the growing state)%n",
                keys, fillSeconds, keys / fillSeconds);
        String row = "%5s %5s %9s %8s %8s %9s %7s %13s %13s %9s %7s%n";
        out.printf(Locale.ROOT, row, "id", "phase", "status", "size MB", "sync ms", "async ms", "e2e ms",
                "rec/s async", "rec/s before", "stall ms", "gc ms");
        long previousEnd = started;
        long gapMillis = 0;
        double gapRecords = 0;
        double asyncMillis = 0;
        double asyncRecords = 0;
        double sizeSum = 0;
        long asyncSum = 0;
        long e2eSum = 0;
        long maxSync = 0;
        long maxStall = 0;
        long maxGc = 0;
        int completed = 0;
        int reported = 0;
        for (CheckpointStats c : ended.values()) {
            boolean measured = c.triggerTimestamp() >= filledAt;
            if (measured && reported++ == measuredCheckpoints) {
                break; // ended while the job was being cancelled
            }
            long end = c.triggerTimestamp() + c.durationMillis();
            long asyncStart = c.subtasks().stream().mapToLong(s -> s.acknowledgeTimestamp() - s.durations().asyncMillis()).min()
                    .orElse(c.triggerTimestamp());
            long asyncEnd = c.subtasks().stream().mapToLong(CheckpointStats.Subtask::acknowledgeTimestamp).max()
                    .orElse(end);
            long gapStart = measured ? Math.max(previousEnd, filledAt) : previousEnd;
            long stall = longestStall(samples, c.triggerTimestamp(), end);
            long gc = sampleAt(samples, end).gcMillis() - sampleAt(samples, c.triggerTimestamp()).gcMillis();
            double sizeMb = c.stateSize() / (double) (1 << 20);
            out.printf(Locale.ROOT, row, c.id(), measured ? "full" : "fill", c.status(),
                    String.format(Locale.ROOT, "%.1f", sizeMb), c.maxSyncMillis(), c.maxAsyncMillis(), c.durationMillis(),
                    rateText(samples, asyncStart, asyncEnd), rateText(samples, gapStart, c.triggerTimestamp()), stall, gc);
            if (c.status() == CheckpointStats.Status.FAILED) {
                out.println("      failed: " + c.failureReason());
            } else if (measured) {
                completed++;
                sizeSum += sizeMb;
                asyncSum += c.maxAsyncMillis();
                e2eSum += c.durationMillis();
                maxSync = Math.max(maxSync, c.maxSyncMillis());
                maxStall = Math.max(maxStall, stall);
                maxGc = Math.max(maxGc, gc);
                asyncMillis += asyncEnd - asyncStart;
                asyncRecords += recordsAt(samples, asyncEnd) - recordsAt(samples, asyncStart);
            }
            if (measured && c.triggerTimestamp() > gapStart) {
                gapMillis += c.triggerTimestamp() - gapStart;
                gapRecords += recordsAt(samples, c.triggerTimestamp()) - recordsAt(samples, gapStart);
            }
            previousEnd = end;
        }
        out.printf(Locale.ROOT, "rec/s: records the maps processed per second in the asynchronous phase and in"
                + " the gap before it;%nstall ms: the longest time a map subtask processed nothing during the checkpoint"
                + " (resolution %d ms);%ngc ms: the JVM's garbage collection pauses during the checkpoint%n", SAMPLE_MILLIS);
        if (completed == 0) {
            out.println("RESULT state mb=" + megabytes + " no checkpoint completed after the fill");
            return;
        }
        double rateAsync = asyncRecords * 1000 / asyncMillis;
        double rateBetween = gapRecords * 1000 / gapMillis;
        out.printf(Locale.ROOT, "RESULT state mb=%d keys=%d checkpoints=%d size_mb=%.1f sync_ms_max=%d "
                        + "async_ms_avg=%d e2e_ms_avg=%d records_per_s_async=%.0f records_per_s_between=%.0f "
                        + "ratio=%.2f stall_ms_max=%d gc_ms_max=%d%n", megabytes, keys, completed, sizeSum / completed,
                maxSync, asyncSum / completed, e2eSum / completed, rateAsync, rateBetween, rateAsync / rateBetween,
                maxStall, maxGc);
    }

    /** {@link #rate} formatted, or "-" for a stretch too short to measure at the sampling resolution. */
    private static String rateText(List<Sample> samples, long from, long to) {
        return to - from < 5 * SAMPLE_MILLIS ? "-" : String.format(Locale.ROOT, "%,.0f", rate(samples, from, to));
    }

    /** Records per second processed by all map subtasks between {@code from} and {@code to}. */
    private static double rate(List<Sample> samples, long from, long to) {
        return (recordsAt(samples, to) - recordsAt(samples, from)) * 1000 / (to - from);
    }

    /** The total processed at {@code millis}, interpolated between the samples around it. */
    private static double recordsAt(List<Sample> samples, long millis) {
        Sample before = samples.get(0);
        for (Sample s : samples) {
            if (s.millis() >= millis) {
                if (s.millis() == before.millis()) {
                    return s.total();
                }
                double fraction = (millis - before.millis()) / (double) (s.millis() - before.millis());
                return before.total() + fraction * (s.total() - before.total());
            }
            before = s;
        }
        return before.total();
    }

    /** The first sample at or after {@code millis}, else the last. */
    private static Sample sampleAt(List<Sample> samples, long millis) {
        for (Sample s : samples) {
            if (s.millis() >= millis) {
                return s;
            }
        }
        return samples.get(samples.size() - 1);
    }

    /** The longest time in [from, to] in which one map subtask's count did not move, by the samples. */
    private static long longestStall(List<Sample> samples, long from, long to) {
        long longest = 0;
        for (int subtask = 0; subtask < PARALLELISM; subtask++) {
            long since = -1;
            long last = -1;
            for (Sample s : samples) {
                if (s.millis() < from - SAMPLE_MILLIS || s.millis() > to + SAMPLE_MILLIS) {
                    continue;
                }
                if (s.processed()[subtask] != last) {
                    last = s.processed()[subtask];
                    since = s.millis();
                } else {
                    longest = Math.max(longest, s.millis() - since);
                }
            }
        }
        return longest;
    }
}
