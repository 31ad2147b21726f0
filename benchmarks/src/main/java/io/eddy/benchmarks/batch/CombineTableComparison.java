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

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The combiner's {@link HashAggregationTable} of two builds, side by side in one JVM: each build's
 * {@code lib} directory gets its own class loader, and the two tables take turns on the same words, a
 * round each, in alternating order. On a shared machine whose speed drifts by tens of percent from one
 * minute to the next, runs of two builds in separate JVMs minutes apart compare the drift; rounds a
 * second apart in one process compare the code.
 *
 * <p>Two inputs: the section-1 words of {@code WORKLOADS.md} ({@code real}: the cold words miss the
 * caches), and the same words mapped onto 100 of them ({@code hot100}: nothing misses, so the figure is
 * the table's instructions).
 *
 * <pre>
 * java -cp … io.eddy.benchmarks.batch.CombineTableComparison BUILD_A/dist/target/eddy BUILD_B/dist/target/eddy [words=10000000] [rounds=9]
 * </pre>
 * Prints, per input and build, the median CPU time per word of the table's {@code reduce} and every round's figure.
 */
public final class CombineTableComparison {
    private CombineTableComparison() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CombineTableComparison <distribution A> <distribution B> [words] [rounds]"
                    + " (a distribution: a directory with lib/, e.g. dist/target/eddy of a build)");
            System.exit(2);
        }
        int n = args.length > 2 ? Integer.parseInt(args[2].replace("_", "")) : 10_000_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 9;
        String[] builds = {args[0], args[1]};
        Class<?>[] runners = new Class<?>[2];
        for (int b = 0; b < 2; b++) {
            runners[b] = loaderOf(builds[b]).loadClass(Runner.class.getName());
        }
        String[][] inputs = {new String[n], new String[n]};
        Map<String, Integer> rank = new IdentityHashMap<>();
        List<String> firstSeen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String word = BatchWorkloads.Vocabulary.word(i);
            inputs[0][i] = word;
            Integer r = rank.putIfAbsent(word, firstSeen.size());
            if (r == null) {
                r = firstSeen.size();
                firstSeen.add(word);
            }
            inputs[1][i] = firstSeen.get(r % 100);
        }
        String[] inputNames = {"real", "hot100"};
        double[][][] nanos = new double[2][2][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int input = 0; input < 2; input++) {
                for (int turn = 0; turn < 2; turn++) {
                    int b = round % 2 == 0 ? turn : 1 - turn;
                    nanos[input][b][round] = (double) runners[b].getMethod("nanosPerWord", String[].class)
                            .invoke(null, (Object) inputs[input]);
                }
            }
        }
        for (int input = 0; input < 2; input++) {
            for (int b = 0; b < 2; b++) {
                double[] sorted = nanos[input][b].clone();
                Arrays.sort(sorted);
                StringBuilder all = new StringBuilder();
                for (double x : nanos[input][b]) {
                    all.append(all.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", x));
                }
                System.out.printf(Locale.ROOT, "RESULT combine-table input=%s build=%s median_ns_per_word=%.1f rounds=[%s]%n",
                        inputNames[input], builds[b], sorted[rounds / 2], all);
            }
        }
    }

    /**
     * All jars of the distribution's lib directory, in a loader of their own; {@link Runner} (and its
     * inner classes) come from this class's own build, so that builds older than it compare too.
     */
    private static ClassLoader loaderOf(String distribution) throws Exception {
        File[] jars = new File(distribution, "lib").listFiles((dir, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalArgumentException("No jars in " + distribution + "/lib: give the directory of a built"
                    + " distribution (dist/target/eddy after mvn install)");
        }
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toURI().toURL();
        }
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (!name.startsWith(Runner.class.getName())) {
                    return super.findClass(name);
                }
                try (var in = CombineTableComparison.class.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (java.io.IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        };
    }

    /** Runs in a build's own class loader: that build's table reduces the words once. */
    public static final class Runner {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private static final MemoryManager MEMORY = new MemoryManager(64L << 20, 32 * 1024, 1, "64 MiB (comparison)");

        private Runner() {}

        /** CPU nanoseconds of the table's {@code reduce} per word, as {@code groupBy(0).sum(1)}'s combiner calls it. */
        public static double nanosPerWord(String[] words) throws Exception {
            SerializerConfig config = new SerializerConfig();
            TypeInfo<Tuple2<String, Long>> type = new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo();
            TypeSerializer<Tuple2<String, Long>> serializer = type.createSerializer(config);
            FreePages pages = MEMORY.reserve("comparison", 0, MEMORY.getPagesPerSlot());
            try (var table = new HashAggregationTable<>(serializer, Comparators.fields(type, config, new int[] {0}, new boolean[] {true}),
                    FieldAggregator.at(FieldAggregator.Kind.SUM, type, 1, serializer), pages)) {
                long start = THREADS.getCurrentThreadCpuTime();
                for (String word : words) {
                    if (!table.reduce(Tuple2.of(word, 1L))) {
                        throw new IllegalStateException("The table filled up: 64 MiB should hold every distinct word");
                    }
                }
                return (double) (THREADS.getCurrentThreadCpuTime() - start) / words.length;
            } finally {
                pages.close();
            }
        }
    }
}
