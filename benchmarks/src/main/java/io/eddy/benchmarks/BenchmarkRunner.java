package io.eddy.benchmarks;

import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.execution.JobExecutionResult;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.windowing.assigners.TumblingEventTimeWindows;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * End-to-end workloads on the embedded cluster at parallelism 2, data generated in the source.
 * Each prints its correctness figure (the sink's count against the count computed here), then
 * {@code RESULT <workload> records=<N> seconds=<job seconds> records_per_s=<rate>}.
 *
 * <pre>
 * bin/eddy-bench stateless [N]     N defaults to 200,000,000
 * bin/eddy-bench keyed-sum [N]     N defaults to 50,000,000
 * bin/eddy-bench window [N]        N defaults to 50,000,000
 * bin/eddy-bench jmh [JMH options] the JMH micro-benchmarks (serializers, buffer exchange)
 * </pre>
 */
public final class BenchmarkRunner {
    private BenchmarkRunner() {}

    /** One workload: builds the job for N records and says what the run is checked by. */
    private interface Workload {
        long defaultRecords();

        /** The value {@link #checked()} must reach. */
        long expectedCount(long records);

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

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length < 1 || !WORKLOADS.containsKey(args[0])) {
            System.err.println("usage: eddy-bench <workload> [records] | jmh [options]   workloads: "
                    + String.join(", ", WORKLOADS.keySet()));
            System.exit(2);
        }
        Workload workload = WORKLOADS.get(args[0]);
        long records = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : workload.defaultRecords();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CountingSink.reset();
        workload.build(env, records);
        JobExecutionResult result = env.execute("benchmark " + args[0]);

        long count = workload.checked();
        long expected = workload.expectedCount(records);
        double seconds = result.getNetRuntimeMillis() / 1000.0;
        System.out.printf(Locale.ROOT, "CHECK %s %s=%d expected=%d %s%n", args[0], workload.checkedName(), count,
                expected, count == expected ? "OK" : "MISMATCH");
        System.out.printf(Locale.ROOT, "RESULT %s records=%d seconds=%.3f records_per_s=%.0f%n", args[0], records,
                seconds, records / seconds);
        if (count != expected) {
            System.exit(1);
        }
    }
}
