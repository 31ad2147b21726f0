package io.eddy.benchmarks.batch;

import io.eddy.api.functions.FieldAggregator;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.comparators.Comparators;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.memory.MemoryManager;
import io.eddy.runtime.operators.hash.HashAggregationTable;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The combiner of {@code wordcount-batch} alone, in one thread: the section-1 words of
 * {@code /work/shared/benchmarks/WORKLOADS.md} as {@code (word, 1)} pairs reduced by {@code sum(1)} in a
 * {@link HashAggregationTable}, as the {@code groupBy(0).sum(1)} combiner runs them, without a job.
 * Generating the words is measured in a separate pass and reported apart, so {@code table_ns_per_record}
 * is the table's own CPU time. Prints the section-1 checksum of the table's contents (flushed when
 * full, as a combiner does), then a {@code RESULT} line.
 *
 * <pre>
 * java -cp … io.eddy.benchmarks.batch.HashCombineBenchmark [N=20000000] [managed MiB=64]
 * </pre>
 */
public final class HashCombineBenchmark {
    private HashCombineBenchmark() {}

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 20_000_000L;
        long managedMiB = args.length > 1 ? Long.parseLong(args[1]) : 64;
        SerializerConfig config = new SerializerConfig();
        TypeInfo<Tuple2<String, Long>> type = new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo();
        TypeSerializer<Tuple2<String, Long>> serializer = type.createSerializer(config);

        long generateStart = THREADS.getCurrentThreadCpuTime();
        long lengths = 0;
        for (long i = 0; i < n; i++) {
            lengths += BatchWorkloads.Vocabulary.word(i).length();
        }
        long generateCpu = THREADS.getCurrentThreadCpuTime() - generateStart;

        MemoryManager memory = new MemoryManager(managedMiB << 20, 32 * 1024, 1, managedMiB + " MiB (benchmark argument)");
        FreePages pages = memory.reserve("benchmark", 0, memory.getPagesPerSlot());
        long[] sums = new long[3];
        int flushes = 0;
        long start = System.nanoTime();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        try (var table = new HashAggregationTable<>(serializer, Comparators.fields(type, config, new int[] {0}, new boolean[] {true}),
                FieldAggregator.at(FieldAggregator.Kind.SUM, type, 1, serializer), pages)) {
            Tuple2<String, Long> record = new Tuple2<>();
            for (long i = 0; i < n; i++) {
                record.f0 = BatchWorkloads.Vocabulary.word(i);
                record.f1 = 1L;
                if (!table.reduce(record)) {
                    table.emitAndReset(t -> add(sums, t));
                    flushes++;
                    table.reduce(record);
                }
            }
            table.emitAndReset(t -> add(sums, t));
        } finally {
            pages.close();
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - startCpu;
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "CHECKSUM wordcount-combine distinct:%d,total:%d,hash:%016x (distinct counts flushed partials; %d flushes; %d chars)%n",
                sums[0], sums[1], sums[2], flushes, lengths);
        System.out.printf(Locale.ROOT, "RESULT wordcount-combine records=%d seconds=%.2f cpu_ns_per_record=%.1f generate_ns_per_record=%.1f "
                + "table_ns_per_record=%.1f%n", n, seconds, (double) cpu / n, (double) generateCpu / n, (double) (cpu - generateCpu) / n);
    }

    private static void add(long[] sums, Tuple2<String, Long> pair) {
        sums[0]++;
        sums[1] += pair.f1;
        sums[2] += BatchWorkloads.mix64(BatchWorkloads.fnv1a64(pair.f0) + pair.f1 * BatchWorkloads.GAMMA);
    }
}
