package io.eddy.benchmarks.batch;

import io.eddy.api.config.Configuration;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.JoinHint;
import io.eddy.api.dataset.Order;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.Partitioner;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * The batch workloads of {@code ../shared/benchmarks/WORKLOADS.md} (sections 1–3) as DataSet programs
 * at parallelism 2: each generates its input inside the job from the index range, computes the
 * section-6 checksum from per-partition partial sums (wrapping, so their order does not matter) that
 * the driver collects and adds up, and reports the wall time from submission to the checksum.
 */
public final class BatchWorkloads {
    private BatchWorkloads() {}

    static final long GAMMA = 0x9E3779B97F4A7C15L;
    static final long S_WORD = 1, S_SORT = 2, S_JOIN_R = 3, S_JOIN_S = 4;

    public static boolean isWorkload(String name) {
        return name.equals("wordcount-batch") || name.equals("sort") || name.equals("join");
    }

    public static long defaultRecords(String name) {
        return switch (name) {
            case "wordcount-batch" -> 100_000_000L;
            case "sort" -> 20_000_000L;
            default -> 10_000_000L;
        };
    }

    /** What one run measured. */
    public record Result(String workload, long records, double seconds, long cpuNanos, String checksum) {
        public String line() {
            return String.format(Locale.ROOT, "RESULT %s records=%d seconds=%.3f records_per_s=%.0f cpu_ns_per_record=%.1f checksum=%s",
                    workload, records, seconds, records / seconds, (double) cpuNanos / records, checksum);
        }
    }

    /** Runs workload {@code name} on {@code n} (for join: N rows of R, N/5 of S) at parallelism 2. */
    public static Result run(Configuration config, String name, long n) throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        String checksum;
        long records = n;
        switch (name) {
            case "wordcount-batch" -> checksum = wordCount(env, n);
            case "sort" -> checksum = sort(env, n);
            case "join" -> {
                checksum = join(env, n);
                records = n + n / 5;
            }
            default -> throw new IllegalArgumentException("Unknown batch workload " + name + ": use wordcount-batch, sort or join");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, records, seconds, processCpuNanos() - cpuBefore, checksum);
    }

    // ---------------------------------------------------------------- section 0

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long sm(long seed, long i) {
        return mix64(seed + (i + 1) * GAMMA);
    }

    static long below(long x, long m) {
        return ((x >>> 32) * m) >>> 32;
    }

    /** High word of the unsigned 128-bit product. */
    static long mulhi(long x, long m) {
        return Math.multiplyHigh(x, m) + ((x >> 63) & m) + ((m >> 63) & x);
    }

    static long fnv1a64(String s) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x00000100000001B3L;
        }
        return h;
    }

    // ---------------------------------------------------------------- 1. wordcount-batch

    /** The Zipf vocabulary of section 1: cumulative integer weights and the word of each rank. */
    static final class Vocabulary {
        static final int V = 100_000;
        static final long[] CUMULATIVE = new long[V];
        static final String[] NAMES = new String[V];

        static {
            long c = 0;
            for (int k = 0; k < V; k++) {
                c += (1L << 40) / (k + 1);
                CUMULATIVE[k] = c;
                NAMES[k] = name(k);
            }
        }

        /** The bijective base-26 numeral of {@code r + 1}. */
        static String name(int r) {
            StringBuilder b = new StringBuilder();
            for (long x = r + 1L; x > 0; x = (x - 1) / 26) {
                b.append((char) ('a' + (x - 1) % 26));
            }
            return b.reverse().toString();
        }

        static String word(long i) {
            long y = mulhi(sm(S_WORD, i), CUMULATIVE[V - 1]);
            int lo = 0, hi = V - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (CUMULATIVE[mid] > y) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return NAMES[lo];
        }
    }

    private static String wordCount(ExecutionEnvironment env, long n) throws Exception {
        List<long[]> parts = env.generateSequence(0, n - 1)
                .map(new MapFunction<Long, Tuple2<String, Long>>() {
                    @Override
                    public Tuple2<String, Long> map(Long i) {
                        return Tuple2.of(Vocabulary.word(i), 1L);
                    }
                })
                .groupBy(0).sum(1)
                .mapPartition(new GroupReduceFunction<Tuple2<String, Long>, long[]>() {
                    @Override
                    public void reduce(Iterable<Tuple2<String, Long>> pairs, Collector<long[]> out) {
                        long distinct = 0, total = 0, hash = 0;
                        for (Tuple2<String, Long> p : pairs) {
                            distinct++;
                            total += p.f1;
                            hash += mix64(fnv1a64(p.f0) + p.f1 * GAMMA);
                        }
                        out.collect(new long[] {distinct, total, hash});
                    }
                })
                .collect();
        long[] sum = sum(parts, 3);
        return String.format("distinct:%d,total:%d,hash:%016x", sum[0], sum[1], sum[2]);
    }

    // ---------------------------------------------------------------- 2. sort

    /**
     * Keys are uniform over the signed 64-bit range, so two partitions split at 0 hold equal shares:
     * partition 0 the negative keys, partition 1 the others; sorted, they concatenate in order.
     */
    private static final class SignPartitioner implements Partitioner<Object> {
        @Override
        public int partition(Object key, int numPartitions) {
            long k = (Long) key;
            return numPartitions == 1 || k < 0 ? 0 : (int) Math.min(numPartitions - 1,
                    1 + ((k >>> 32) * (numPartitions - 1) >>> 31));
        }
    }

    /** Per partition: count, A, B, ties, unsorted, first key, first payload, last key, last payload. */
    private static final class SortedPartitionSums implements GroupReduceFunction<Tuple2<Long, Long>, long[]> {
        @Override
        public void reduce(Iterable<Tuple2<Long, Long>> records, Collector<long[]> out) {
            long count = 0, a = 0, b = 0, ties = 0, unsorted = 0, firstKey = 0, firstPay = 0, lastKey = 0, lastPay = 0;
            for (Tuple2<Long, Long> r : records) {
                long k = r.f0, p = r.f1;
                if (count == 0) {
                    firstKey = k;
                    firstPay = p;
                } else {
                    ties += k == lastKey ? 1 : 0;
                    unsorted += k < lastKey || (k == lastKey && p < lastPay) ? 1 : 0;
                }
                long h = mix64(k ^ mix64(p));
                a += h;
                b += (count + 1) * h;
                count++;
                lastKey = k;
                lastPay = p;
            }
            if (count > 0) {
                out.collect(new long[] {count, a, b, ties, unsorted, firstKey, firstPay, lastKey, lastPay});
            }
        }
    }

    private static String sort(ExecutionEnvironment env, long n) throws Exception {
        List<long[]> parts = new java.util.ArrayList<>(env.generateSequence(0, n - 1)
                .map(new MapFunction<Long, Tuple2<Long, Long>>() {
                    @Override
                    public Tuple2<Long, Long> map(Long i) {
                        return Tuple2.of(sm(S_SORT, i), i);
                    }
                })
                .partitionCustom(new SignPartitioner(), 0)
                .sortPartition(0, Order.ASCENDING).sortPartition(1, Order.ASCENDING)
                .mapPartition(new SortedPartitionSums())
                .collect());
        parts.sort((x, y) -> Long.compare(x[5], y[5]));
        long count = 0, posHash = 0, ties = 0, unsorted = 0;
        long[] previous = null;
        for (long[] q : parts) {
            posHash += count * q[1] + q[2];
            ties += q[3];
            unsorted += q[4];
            if (previous != null) {
                ties += q[5] == previous[7] ? 1 : 0;
                unsorted += q[5] < previous[7] || (q[5] == previous[7] && q[6] < previous[8]) ? 1 : 0;
            }
            count += q[0];
            previous = q;
        }
        return String.format("count:%d,ties:%d,unsorted:%d,pos_hash:%016x", count, ties, unsorted, posHash);
    }

    // ---------------------------------------------------------------- 3. join

    private static String join(ExecutionEnvironment env, long n) throws Exception {
        long m = n / 5;
        DataSet<Tuple2<Long, Long>> r = env.generateSequence(0, n - 1).map(new MapFunction<Long, Tuple2<Long, Long>>() {
            @Override
            public Tuple2<Long, Long> map(Long i) {
                return Tuple2.of(below(sm(S_JOIN_R, i), m), i);
            }
        });
        DataSet<Tuple2<Long, Long>> s = env.generateSequence(0, m - 1).map(new MapFunction<Long, Tuple2<Long, Long>>() {
            @Override
            public Tuple2<Long, Long> map(Long j) {
                return Tuple2.of(j, sm(S_JOIN_S, j));
            }
        });
        List<long[]> parts = r.join(s, JoinHint.REPARTITION_HASH_SECOND).where(0).equalTo(0)
                .with(new JoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple3<Long, Long, Long>>() {
                    @Override
                    public Tuple3<Long, Long, Long> join(Tuple2<Long, Long> row, Tuple2<Long, Long> sRow) {
                        return Tuple3.of(row.f0, row.f1, sRow.f1);
                    }
                })
                .mapPartition(new GroupReduceFunction<Tuple3<Long, Long, Long>, long[]>() {
                    @Override
                    public void reduce(Iterable<Tuple3<Long, Long, Long>> rows, Collector<long[]> out) {
                        long count = 0, sum = 0, hash = 0;
                        for (Tuple3<Long, Long, Long> row : rows) {
                            count++;
                            sum += row.f2;
                            hash += mix64(row.f1 ^ row.f2);
                        }
                        out.collect(new long[] {count, sum, hash});
                    }
                })
                .collect();
        long[] sum = sum(parts, 3);
        return String.format("count:%d,sum:%016x,hash:%016x", sum[0], sum[1], sum[2]);
    }

    private static long[] sum(List<long[]> parts, int width) {
        long[] sum = new long[width];
        for (long[] p : parts) {
            for (int i = 0; i < width; i++) {
                sum[i] += p[i];
            }
        }
        return sum;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
