package io.eddy.benchmarks.batch;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.comparators.Comparators;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.runtime.io.IOManager;
import io.eddy.runtime.memory.MemoryManager;
import io.eddy.runtime.operators.RecordIterator;
import io.eddy.runtime.operators.hash.HashJoinType;
import io.eddy.runtime.operators.hash.HybridHashJoin;
import io.eddy.runtime.operators.hash.JoinedPairs;
import io.eddy.runtime.operators.sort.ExternalSorter;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The batch operators alone, in one thread, on the record definitions of the {@code sort} and
 * {@code join} workloads (/work/shared/benchmarks/WORKLOADS.md): no job, no network, input generated
 * in the loop. Prints the workload checksum (comparable with the reference values there), then
 * {@code RESULT <name> records=… seconds=… records_per_s=… cpu_ns_per_record=…} with spill figures.
 *
 * <pre>
 * java -Xmx1g -cp … io.eddy.benchmarks.batch.BatchOperatorsBenchmark sort [N=20000000] [managed MiB=256] [tmp dir]
 * java -Xmx1g -cp … io.eddy.benchmarks.batch.BatchOperatorsBenchmark join [N=10000000] [managed MiB=256] [build=S|R] [tmp dir]
 * </pre>
 * Records are {@code Tuple2<Long, Long>}: sort by (key, payload) ascending, join on f0.
 */
public final class BatchOperatorsBenchmark {
    private BatchOperatorsBenchmark() {}

    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final SerializerConfig CONFIG = new SerializerConfig();
    private static final TypeInfo<Tuple2<Long, Long>> PAIR = new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long sm(long seed, long i) {
        return mix64(seed + (i + 1) * GAMMA);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("sort") || args[0].equals("join"))) {
            System.err.println("Usage: BatchOperatorsBenchmark sort [N] [managed MiB] [tmp dir]\n"
                    + "       BatchOperatorsBenchmark join [N] [managed MiB] [build=S|R] [tmp dir]");
            System.exit(2);
        }
        boolean sort = args[0].equals("sort");
        long n = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : sort ? 20_000_000 : 10_000_000;
        long managedMiB = args.length > 2 ? Long.parseLong(args[2]) : 256;
        String buildSide = !sort && args.length > 3 ? args[3] : "S";
        int tmpArg = sort ? 3 : 4;
        Path tmp = Path.of(args.length > tmpArg ? args[tmpArg] : System.getProperty("java.io.tmpdir"));

        MemoryManager memory = new MemoryManager(managedMiB << 20, 32 * 1024, 1, managedMiB + " MiB (benchmark argument)");
        IOManager io = new IOManager(List.of(tmp));
        Object owner = "benchmark";
        try {
            List<MemorySegment> pages = memory.allocatePages(owner, 0, memory.getPagesPerSlot());
            if (sort) {
                runSort(n, pages, io, owner, managedMiB);
            } else {
                runJoin(n, pages, io, owner, managedMiB, buildSide.equals("R"));
            }
        } finally {
            memory.releaseAll(owner);
            io.shutdown();
        }
    }

    private static void runSort(long n, List<MemorySegment> pages, IOManager io, Object owner, long managedMiB) throws Exception {
        TypeSerializer<Tuple2<Long, Long>> serializer = PAIR.createSerializer(CONFIG);
        TypeComparator<Tuple2<Long, Long>> comparator = Comparators.fields(PAIR, CONFIG, new int[] {0, 1}, new boolean[] {true, true});
        long startNanos = System.nanoTime();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        long count = 0;
        long posHash = 0;
        long unsorted = 0;
        long ties = 0;
        long addNanos;
        long addCpu;
        long sortCpu;
        int runs;
        long spilled;
        try (ExternalSorter<Tuple2<Long, Long>> sorter = new ExternalSorter<>(serializer, comparator, pages, io, owner)) {
            Tuple2<Long, Long> record = new Tuple2<>();
            for (long i = 0; i < n; i++) {
                record.f0 = sm(2, i);
                record.f1 = i;
                sorter.add(record);
            }
            addNanos = System.nanoTime() - startNanos;
            addCpu = THREADS.getCurrentThreadCpuTime() - startCpu;
            RecordIterator<Tuple2<Long, Long>> sorted = sorter.sorted();
            sortCpu = THREADS.getCurrentThreadCpuTime() - startCpu - addCpu;
            Tuple2<Long, Long> reuse = new Tuple2<>();
            long lastKey = 0;
            long lastPayload = 0;
            for (Tuple2<Long, Long> r = sorted.next(reuse); r != null; r = sorted.next(reuse)) {
                long key = r.f0;
                long payload = r.f1;
                if (count > 0) {
                    unsorted += key < lastKey || (key == lastKey && payload < lastPayload) ? 1 : 0;
                    ties += key == lastKey ? 1 : 0;
                }
                count++;
                posHash += count * mix64(key ^ mix64(payload));
                lastKey = key;
                lastPayload = payload;
            }
            runs = sorter.getSpilledRuns();
            spilled = sorter.getSpilledBytes();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long cpu = THREADS.getCurrentThreadCpuTime() - startCpu;
        System.out.printf(Locale.ROOT, "CHECKSUM sort count:%d,ties:%d,unsorted:%d,pos_hash:%016x%n", count, ties, unsorted, posHash);
        System.out.printf(Locale.ROOT, "RESULT sort-operator records=%d seconds=%.2f records_per_s=%.0f cpu_ns_per_record=%.0f "
                        + "add_seconds=%.2f add_cpu_ns=%.0f sorted_cpu_ns=%.0f read_cpu_ns=%.0f managed_mib=%d heap_max_mib=%d "
                        + "spilled_runs=%d spilled_mib=%d%n",
                n, seconds, n / seconds, (double) cpu / n, addNanos / 1e9, (double) addCpu / n, (double) sortCpu / n,
                (double) (cpu - addCpu - sortCpu) / n, managedMiB,
                Runtime.getRuntime().maxMemory() >> 20, runs, spilled >> 20);
    }

    private static void runJoin(long n, List<MemorySegment> pages, IOManager io, Object owner, long managedMiB, boolean buildR)
            throws Exception {
        long m = n / 5;
        TypeSerializer<Tuple2<Long, Long>> serializer = PAIR.createSerializer(CONFIG);
        TypeComparator<Tuple2<Long, Long>> byKey = Comparators.fields(PAIR, CONFIG, new int[] {0}, new boolean[] {true});
        long[] sums = new long[3];
        JoinedPairs<Tuple2<Long, Long>, Tuple2<Long, Long>> out = buildR
                ? (r, s) -> add(sums, r.f1, s.f1)
                : (s, r) -> add(sums, r.f1, s.f1);
        long startNanos = System.nanoTime();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        int spilledPartitions;
        try (var join = new HybridHashJoin<>(serializer, byKey, serializer, byKey, pages, io, owner, HashJoinType.INNER)) {
            Tuple2<Long, Long> row = new Tuple2<>();
            for (long i = 0, end = buildR ? n : m; i < end; i++) {
                setRow(row, i, m, buildR);
                join.addBuild(row);
            }
            join.endBuild();
            @SuppressWarnings("unchecked")
            Tuple2<Long, Long>[] batch = new Tuple2[HybridHashJoin.PROBE_BATCH];
            Arrays.setAll(batch, i -> new Tuple2<>());
            int batched = 0;
            for (long i = 0, end = buildR ? m : n; i < end; i++) {
                setRow(batch[batched], i, m, !buildR);
                if (++batched == batch.length) {
                    join.probe(batch, batched, out);
                    batched = 0;
                }
            }
            join.probe(batch, batched, out);
            join.endProbe(out);
            spilledPartitions = join.getSpilledPartitions();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long cpu = THREADS.getCurrentThreadCpuTime() - startCpu;
        System.out.printf(Locale.ROOT, "CHECKSUM join count:%d,sum:%016x,hash:%016x%n", sums[0], sums[1], sums[2]);
        System.out.printf(Locale.ROOT, "RESULT join-operator records=%d seconds=%.2f records_per_s=%.0f cpu_ns_per_record=%.0f "
                        + "build_side=%s managed_mib=%d heap_max_mib=%d spilled_partitions=%d%n",
                n + m, seconds, (n + m) / seconds, (double) cpu / (n + m), buildR ? "R" : "S", managedMiB,
                Runtime.getRuntime().maxMemory() >> 20, spilledPartitions);
    }

    /** Row i of R (key below M, payload i) or of S (key i, value sm(S_JOIN_S, i)). */
    private static void setRow(Tuple2<Long, Long> row, long i, long m, boolean r) {
        if (r) {
            row.f0 = ((sm(3, i) >>> 32) * m) >>> 32;
            row.f1 = i;
        } else {
            row.f0 = i;
            row.f1 = sm(4, i);
        }
    }

    private static void add(long[] sums, long rpay, long sval) {
        sums[0]++;
        sums[1] += sval;
        sums[2] += mix64(rpay ^ sval);
    }
}
