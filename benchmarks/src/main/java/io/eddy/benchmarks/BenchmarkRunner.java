package io.eddy.benchmarks;

import io.eddy.api.config.Configuration;
import io.eddy.benchmarks.batch.BatchWorkloads;
import io.eddy.benchmarks.batch.GraphWorkloads;
import io.eddy.benchmarks.batch.KMeansWorkload;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.execution.CheckpointingConfigOptions;
import io.eddy.api.execution.CoreOptions;
import io.eddy.api.execution.RuntimeExecutionMode;
import io.eddy.api.execution.DeploymentOptions;
import io.eddy.api.execution.JobExecutionResult;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.api.windowing.assigners.TumblingEventTimeWindows;
import io.eddy.runtime.rest.RestOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * End-to-end workloads on the embedded cluster at parallelism 2, data generated in the source.
 * Each prints its correctness figure (the sink's count against the count computed here), then
 * {@code RESULT <workload> records=<N> seconds=<job seconds> records_per_s=<rate> cpu_ns_per_record=<cpu>}
 * (the last on the embedded cluster only).
 *
 * <pre>
 * bin/eddy-bench stateless [N]     N defaults to 200,000,000
 * bin/eddy-bench keyed-sum [N]     N defaults to 50,000,000
 * bin/eddy-bench window [N]        N defaults to 50,000,000
 * bin/eddy-bench wordcount-batch|sort|join [N]  the batch workloads of WORKLOADS.md as DataSet programs
 *                                  (see BatchWorkloads); RESULT ... checksum=<section 6 format>
 * bin/eddy-bench pagerank|connected-components [E]  the graph workloads of WORKLOADS.md sections 4a/4b on
 *                                  gelly, E generated edges (default 10,000,000; see GraphWorkloads)
 * bin/eddy-bench kmeans [P]       the kmeans workload of WORKLOADS.md (P points, default 1,000,000) with the
 *                                  ml library's KMeans; CENTROIDS line, then RESULT ... checksum=sum:..,hash:..
 * bin/eddy-bench latency R S T     end-to-end latency at R records/s for S seconds, buffer timeout T ms
 * bin/eddy-bench -D key=value ...  with a configuration option set (repeatable, first)
 * bin/eddy-bench --mode batch ...  runs a DataStream workload in BATCH mode (execution.runtime-mode): keyed
 *                                  operators on sorted input, keyed-sum emitting one sum per key
 * bin/eddy-bench --timeline ...    also prints records/s and CPU time for each second of the run (see Timeline)
 * bin/eddy-bench -c MS state MB [N] checkpoints of about MB megabytes of keyed heap state while the job
 *                                  updates it at full speed: N checkpoints measured (see StateCheckpointBenchmark)
 * bin/eddy-bench -m host:port ...  the same on a running cluster
 * bin/eddy-bench -c MS [-d DIR] ... the same with a checkpoint every MS ms into DIR (default: a
 *                                  temporary directory; any Hadoop file system URI)
 * bin/eddy-bench jmh [JMH options] the JMH micro-benchmarks (serializers, buffer exchange, RPC)
 * </pre>
 */
public final class BenchmarkRunner {
    private BenchmarkRunner() {}

    /** One workload: builds the job for N records and says what the run is checked by. */
    private interface Workload {
        long defaultRecords();

        /** The value {@link #checked()} must reach. */
        long expectedCount(long records);

        /** The same in BATCH mode, where keyed aggregations emit final results only. */
        default long expectedBatchCount(long records) {
            return expectedCount(records);
        }

        void build(StreamExecutionEnvironment env, long records);

        /** The figure checked after the run, as {@code name=value}; by default the sink's record count. */
        default String checkedName() {
            return "sink_count";
        }

        default long checked() {
            return CountingSink.total();
        }
    }

    private static final Map<String, Workload> WORKLOADS = new TreeMap<>();

    static {
        WORKLOADS.put("stateless", new Workload() {
            public long defaultRecords() {
                return 200_000_000L;
            }

            public long expectedCount(long n) {
                // 3i+1 is divisible by 7 exactly when i % 7 == 2
                return n - (n > 2 ? (n - 3) / 7 + 1 : 0);
            }

            public void build(StreamExecutionEnvironment env, long n) {
                env.fromSequence(0, n - 1)
                        .map(x -> x * 3 + 1)
                        .filter(x -> x % 7 != 0)
                        .sinkTo(new CountingSink<>(), "Counting");
            }
        });
        WORKLOADS.put("keyed-sum", new Workload() {
            public long defaultRecords() {
                return 50_000_000L;
            }

            public long expectedCount(long n) {
                return n;
            }

            /** One final sum per key. */
            public long expectedBatchCount(long n) {
                return Math.min(n, 10_000);
            }

            public void build(StreamExecutionEnvironment env, long n) {
                env.fromSequence(0, n - 1)
                        .map(new MapFunction<Long, Tuple2<Long, Long>>() {
                            @Override
                            public Tuple2<Long, Long> map(Long i) {
                                return Tuple2.of(i % 10_000, i);
                            }
                        })
                        .keyBy(0)
                        .sum(1)
                        .sinkTo(new CountingSink<>(), "Counting");
            }
        });
    }

    static {
        WORKLOADS.put("window", new Workload() {
            public long defaultRecords() {
                return 50_000_000L;
            }

            /** Every element lands in a window that fires, as none is late: the values (all 1) sum to N. */
            public long expectedCount(long n) {
                return n;
            }

            public String checkedName() {
                return "windows=" + CountingSink.total() + " value_sum";
            }

            public long checked() {
                return CountingSink.valueSum();
            }

            public void build(StreamExecutionEnvironment env, long n) {
                long half = n / 2;
                env.fromSequence(0, n - 1)
                        // 50 elements per ms in each source subtask's half, each up to 49 ms out of order
                        .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forBoundedOutOfOrderness(
                                Duration.ofMillis(50)).withTimestampAssigner((i, ts) -> (i % half) / 50 - (i * 7919 % 50)))
                        .map(new MapFunction<Long, Tuple2<Long, Long>>() {
                            @Override
                            public Tuple2<Long, Long> map(Long i) {
                                return Tuple2.of(i % 1000, 1L);
                            }
                        })
                        .keyBy(0)
                        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                        .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                        .sinkTo(new CountingSink<>(t -> t.f1), "Counting");
            }
        });
    }

    static final String USAGE = """
            usage: eddy-bench [--timeline] [--mode streaming|batch|automatic] [-D key=value]... [-m host:port] [-c ms [-d dir]] <workload> [records]
                   eddy-bench [-m host:port] latency <records/s> <seconds> <buffer timeout ms>
                   eddy-bench -c ms [-d dir] state <MB> [checkpoints]
                   eddy-bench jmh [JMH options]
            workloads: %s
            --timeline prints the records that reached the sinks and the CPU time for each second of the run.
            --mode runs the workload in that execution.runtime-mode (default streaming).
            -D sets a configuration option (as in conf/eddy-conf.yaml), e.g. -D execution.checkpointing.mode=AT_LEAST_ONCE.
            -m runs the workload on a running cluster (its REST address) instead of the embedded one.
            -c MS checkpoints every MS ms, into -d DIR (default: a temporary directory).
            """;

    public static void main(String[] args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(args));
        if (!arguments.isEmpty() && arguments.get(0).equals("jmh")) {
            org.openjdk.jmh.Main.main(arguments.subList(1, arguments.size()).toArray(new String[0]));
            return;
        }
        boolean timeline = !arguments.isEmpty() && arguments.get(0).equals("--timeline");
        if (timeline) {
            arguments = arguments.subList(1, arguments.size());
        }
        Configuration config = new Configuration();
        if (arguments.size() >= 2 && arguments.get(0).equals("--mode")) {
            config.setString(CoreOptions.RUNTIME_MODE.key(), arguments.get(1));
            arguments = arguments.subList(2, arguments.size());
        }
        while (arguments.size() >= 2 && arguments.get(0).equals("-D")) {
            String[] keyValue = arguments.get(1).split("=", 2);
            if (keyValue.length != 2) {
                System.err.println("eddy-bench: -D takes key=value, got '" + arguments.get(1) + "'");
                System.exit(2);
            }
            config.setString(keyValue[0], keyValue[1]);
            arguments = arguments.subList(2, arguments.size());
        }
        Path temporaryDirectory = null;
        if (arguments.size() >= 2 && arguments.get(0).equals("-m")) {
            String[] hostPort = arguments.get(1).split(":");
            config.set(DeploymentOptions.TARGET, "remote");
            config.set(RestOptions.ADDRESS, hostPort[0]);
            config.set(RestOptions.PORT, Integer.parseInt(hostPort[1]));
            config.set(DeploymentOptions.JARS, Path.of(BenchmarkRunner.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toString());
            arguments = arguments.subList(2, arguments.size());
        }
        if (arguments.size() >= 2 && arguments.get(0).equals("-c")) {
            config.set(CheckpointingConfigOptions.INTERVAL, Duration.ofMillis(Long.parseLong(arguments.get(1))));
            arguments = arguments.subList(2, arguments.size());
            String directory;
            if (arguments.size() >= 2 && arguments.get(0).equals("-d")) {
                directory = arguments.get(1);
                arguments = arguments.subList(2, arguments.size());
            } else {
                temporaryDirectory = Files.createTempDirectory("eddy-bench-checkpoints");
                directory = temporaryDirectory.toUri().toString();
            }
            config.set(CheckpointingConfigOptions.DIRECTORY, directory);
        }
        boolean remote = config.contains(DeploymentOptions.TARGET);
        if (!arguments.isEmpty() && arguments.get(0).equals("state")) {
            runState(config, remote, arguments.subList(1, arguments.size()), temporaryDirectory);
            return;
        }
        if (arguments.size() == 4 && arguments.get(0).equals("latency")) {
            runLatency(config, Long.parseLong(arguments.get(1)), Long.parseLong(arguments.get(2)),
                    Long.parseLong(arguments.get(3)));
            return;
        }
        if (!arguments.isEmpty() && BatchWorkloads.isWorkload(arguments.get(0)) && !remote) {
            String name = arguments.get(0);
            long n = arguments.size() > 1 ? Long.parseLong(arguments.get(1).replace("_", "")) : BatchWorkloads.defaultRecords(name);
            System.out.println(BatchWorkloads.run(config, name, n).line());
            return;
        }
        if (!arguments.isEmpty() && GraphWorkloads.isWorkload(arguments.get(0)) && !remote) {
            long edges = arguments.size() > 1 ? Long.parseLong(arguments.get(1).replace("_", "")) : GraphWorkloads.DEFAULT_EDGES;
            System.out.println(GraphWorkloads.run(config, arguments.get(0), edges).line());
            return;
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("kmeans") && !remote) {
            long points = arguments.size() > 1 ? Long.parseLong(arguments.get(1).replace("_", "")) : KMeansWorkload.DEFAULT_POINTS;
            KMeansWorkload.run(config, points).forEach(System.out::println);
            return;
        }
        if (arguments.isEmpty() || !WORKLOADS.containsKey(arguments.get(0))) {
            System.err.printf(USAGE, String.join(", ", WORKLOADS.keySet()) + ", latency, wordcount-batch, sort, join, pagerank, connected-components, kmeans");
            System.exit(2);
        }
        String name = arguments.get(0);
        Workload workload = WORKLOADS.get(name);
        long records = arguments.size() > 1 ? Long.parseLong(arguments.get(1).replace("_", "")) : workload.defaultRecords();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        CountingSink.reset();
        workload.build(env, records);
        long cpuBefore = Timeline.processCpuNanos();
        long sysBefore = Timeline.ProcessTimes.sysMillis();
        long userBefore = Timeline.ProcessTimes.userMillis();
        long faultsBefore = Timeline.ProcessTimes.minorFaults();
        JobExecutionResult result;
        // the window workload's sinks see windows: its progress is the records the fired windows hold
        try (Timeline t = timeline && !remote ? new Timeline(name.equals("window") ? CountingSink::liveValueSum
                : CountingSink::liveTotal, System.out) : null) {
            result = env.execute("benchmark " + name);
        }
        long cpuNanos = Timeline.processCpuNanos() - cpuBefore;
        long sysMillis = Timeline.ProcessTimes.sysMillis() - sysBefore;
        long userMillis = Timeline.ProcessTimes.userMillis() - userBefore;
        // kernel time's share of the process's CPU time during the job, where /proc tells it
        String sysShare = sysBefore < 0 || userBefore < 0 || sysMillis + userMillis == 0 ? ""
                : String.format(Locale.ROOT, " sys_share=%.3f page_faults=%d", (double) sysMillis / (sysMillis + userMillis),
                        Timeline.ProcessTimes.minorFaults() - faultsBefore);

        // the sinks of a remote job count in other processes: check what the source emitted instead
        String checkedName = remote ? "source_records" : workload.checkedName();
        long count = remote ? result.getDetails().vertices().get(0).operators().get(0).recordsOut() : workload.checked();
        long expected = remote ? records : env.getConfig().getRuntimeMode() == RuntimeExecutionMode.STREAMING
                ? workload.expectedCount(records) : workload.expectedBatchCount(records);
        double seconds = result.getNetRuntimeMillis() / 1000.0;
        System.out.printf(Locale.ROOT, "CHECK %s %s=%d expected=%d %s%n", name, checkedName, count, expected,
                count == expected ? "OK" : "MISMATCH");
        System.out.printf(Locale.ROOT, "RESULT %s records=%d seconds=%.3f records_per_s=%.0f%s%n", name, records,
                seconds, records / seconds,
                remote ? "" : String.format(Locale.ROOT, " cpu_ns_per_record=%.1f%s", (double) cpuNanos / records,
                        sysShare));
        if (count != expected) {
            System.exit(1);
        }
    }

    /** {@code state MB [N]}: see {@link StateCheckpointBenchmark}; deletes the checkpoint directory if it made it. */
    private static void runState(Configuration config, boolean remote, List<String> args, Path temporaryDirectory)
            throws Exception {
        String problem = remote ? "the state workload runs on the embedded cluster only (it samples the records its"
                + " tasks process in this JVM): drop -m"
                : !config.contains(CheckpointingConfigOptions.INTERVAL) ? "the state workload measures checkpoints:"
                        + " give their interval with -c, e.g. eddy-bench -c 2000 state 1024"
                : args.isEmpty() || args.size() > 2 || !isPositiveNumber(args.get(0))
                        || (args.size() == 2 && !isPositiveNumber(args.get(1)))
                        ? "the state workload needs the state size in MB and optionally the number of checkpoints to"
                        + " measure, e.g. eddy-bench -c 2000 state 1024 5"
                : null;
        if (problem != null) {
            System.err.println("eddy-bench: " + problem);
            System.exit(2);
        }
        try {
            StateCheckpointBenchmark.run(config, Long.parseLong(args.get(0)),
                    args.size() > 1 ? Integer.parseInt(args.get(1)) : 5, System.out);
        } finally {
            if (temporaryDirectory != null) {
                try (var files = Files.walk(temporaryDirectory)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }

    private static boolean isPositiveNumber(String text) {
        return text.matches("[1-9][0-9]{0,8}");
    }

    /**
     * End-to-end latency of a keyBy pipeline at a fixed rate: source (2 subtasks) → keyBy → map →
     * sink, each record stamped at emission and measured at the sink.
     */
    private static void runLatency(Configuration config, long rate, long seconds, long bufferTimeoutMillis)
            throws Exception {
        Path histograms = Files.createTempDirectory("eddy-latency");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        env.setBufferTimeout(bufferTimeoutMillis);
        env.fromSource(new RateLimitedSource(rate, seconds), "Rate " + rate + "/s")
                .keyBy(t -> t & 127, Types.LONG)
                .map(t -> t)
                .sinkTo(new LatencySink(histograms.toString()), "Latency");
        JobExecutionResult result = env.execute("benchmark latency");
        long[] histogram = LatencySink.merge(histograms);
        long records = 0;
        for (long c : histogram) {
            records += c;
        }
        System.out.printf(Locale.ROOT, "CHECK latency measured_records=%d seconds=%.3f achieved_rate=%.0f%n", records,
                result.getNetRuntimeMillis() / 1000.0, records / (result.getNetRuntimeMillis() / 1000.0));
        System.out.printf(Locale.ROOT, "RESULT latency rate=%d buffer_timeout_ms=%d records=%d p50_ms=%.3f "
                + "p99_ms=%.3f p999_ms=%.3f max_ms=%.3f%n", rate, bufferTimeoutMillis, records,
                LatencySink.percentile(histogram, 0.50) / 1000.0, LatencySink.percentile(histogram, 0.99) / 1000.0,
                LatencySink.percentile(histogram, 0.999) / 1000.0, LatencySink.percentile(histogram, 1.0) / 1000.0);
    }
}
