package io.eddy.flinkcompare;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The streaming workloads of {@code bin/eddy-bench} (see Eddy's {@code BenchmarkRunner}) as Flink 2.0
 * DataStream jobs on Flink's local MiniCluster at parallelism 2, with the same definitions, the same
 * correctness checks and the same output lines, so runs of both can be compared line by line:
 *
 * <pre>
 * CHECK &lt;workload&gt; &lt;checked&gt;=&lt;value&gt; expected=&lt;value&gt; OK|MISMATCH
 * RESULT &lt;workload&gt; records=&lt;N&gt; seconds=&lt;job seconds&gt; records_per_s=&lt;rate&gt; cpu_ns_per_record=&lt;cpu&gt; sys_share=&lt;s&gt; page_faults=&lt;n&gt;
 * </pre>
 *
 * {@code seconds} is the job's net runtime as the cluster reports it; the CPU time, kernel share and
 * minor page faults are the whole process's from just before {@code execute} (which starts the
 * MiniCluster, as Eddy's {@code execute} starts its embedded cluster) to its return.
 *
 * <p>Differences that the APIs force: Flink 2.0 has no positional {@code keyBy(0)}, so the keyed
 * workloads key by a {@code KeySelector} on field 0 (what Eddy's {@code keyBy(0)} does), and the
 * lambdas declare their result types with {@code returns}. Both run with object reuse off, buffer
 * timeout 100 ms and no checkpoints (the defaults of both).
 */
public final class FlinkCompare {
    private FlinkCompare() {}

    /** One workload: the job for N records and what the run is checked by. */
    private interface Workload {
        long defaultRecords();

        /** The value {@link #checked()} must reach. */
        long expectedCount(long records);

        void build(StreamExecutionEnvironment env, long records);

        /** The figure checked after the run, as {@code name=value}. */
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
                        .map(x -> x * 3 + 1).returns(Types.LONG)
                        .filter(x -> x % 7 != 0)
                        .sinkTo(new CountingSink<>(null)).name("Counting");
            }
        });
        WORKLOADS.put("keyed-sum", new Workload() {
            public long defaultRecords() {
                return 50_000_000L;
            }

            public long expectedCount(long n) {
                return n;
            }

            public void build(StreamExecutionEnvironment env, long n) {
                env.fromSequence(0, n - 1)
                        .map(new MapFunction<Long, Tuple2<Long, Long>>() {
                            @Override
                            public Tuple2<Long, Long> map(Long i) {
                                return Tuple2.of(i % 10_000, i);
                            }
                        })
                        .keyBy(t -> t.f0, Types.LONG)
                        .sum(1)
                        .sinkTo(new CountingSink<>(null)).name("Counting");
            }
        });
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
                        .keyBy(t -> t.f0, Types.LONG)
                        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                        .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                        .sinkTo(new CountingSink<Tuple2<Long, Long>>(t -> t.f1)).name("Counting");
            }
        });
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || !WORKLOADS.containsKey(args[0])) {
            System.err.println("usage: flink-compare <workload> [records]   workloads: " + String.join(", ", WORKLOADS.keySet()));
            System.exit(2);
        }
        String name = args[0];
        Workload workload = WORKLOADS.get(name);
        long records = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : workload.defaultRecords();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CountingSink.reset();
        workload.build(env, records);
        long cpuBefore = processCpuNanos();
        long sysBefore = ProcessTimes.sysMillis();
        long userBefore = ProcessTimes.userMillis();
        long faultsBefore = ProcessTimes.minorFaults();
        JobExecutionResult result = env.execute("flink-compare " + name);
        long cpuNanos = processCpuNanos() - cpuBefore;
        long sysMillis = ProcessTimes.sysMillis() - sysBefore;
        long userMillis = ProcessTimes.userMillis() - userBefore;
        String sysShare = sysBefore < 0 || userBefore < 0 || sysMillis + userMillis == 0 ? ""
                : String.format(Locale.ROOT, " sys_share=%.3f page_faults=%d", (double) sysMillis / (sysMillis + userMillis),
                        ProcessTimes.minorFaults() - faultsBefore);

        long count = workload.checked();
        long expected = workload.expectedCount(records);
        double seconds = result.getNetRuntime() / 1000.0;
        System.out.printf(Locale.ROOT, "CHECK %s %s=%d expected=%d %s%n", name, workload.checkedName(), count, expected,
                count == expected ? "OK" : "MISMATCH");
        System.out.printf(Locale.ROOT, "RESULT %s records=%d seconds=%.3f records_per_s=%.0f cpu_ns_per_record=%.1f%s%n",
                name, records, seconds, records / seconds, (double) cpuNanos / records, sysShare);
        System.exit(count == expected ? 0 : 1);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
