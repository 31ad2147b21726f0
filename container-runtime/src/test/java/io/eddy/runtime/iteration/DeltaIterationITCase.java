package io.eddy.runtime.iteration;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.dataset.Aggregations;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.DeltaIteration;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.aggregators.LongSumAggregator;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.rich.RichFlatJoinFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.memory.MemoryManagerOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Connected components as a delta iteration on random graphs at parallelism 1, 2 and 4, with the
 * solution set joined or co-grouped with, kept in managed memory or on the heap: every vertex must end
 * with the smallest id of its component, as a union-find computes it.
 */
class DeltaIterationITCase {
    @TempDir
    Path spillDir;

    @ParameterizedTest(name = "seed {0}, parallelism {1}, {2}, unmanaged {3}")
    @CsvSource({
        "1, 1, join, false",
        "2, 2, join, false",
        "3, 4, join, false",
        "4, 2, coGroup, false",
        "5, 4, coGroup, true",
        "6, 2, join, true",
    })
    void connectedComponentsMatchAUnionFind(long seed, int parallelism, String solutionSetAccess, boolean unmanaged)
            throws Exception {
        Configuration config = new Configuration();
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("16mb"));
        config.set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("16kb"));
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(parallelism);

        SplittableRandom random = new SplittableRandom(seed);
        int vertices = 500 + random.nextInt(1500);
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        for (int e = random.nextInt(vertices / 2, vertices); e > 0; e--) {
            edges.add(Tuple2.of((long) random.nextInt(vertices), (long) random.nextInt(vertices)));
        }

        DataSet<Tuple2<Long, Long>> labels = env.generateSequence(0, vertices - 1)
                .map(v -> Tuple2.of(v, v)).returns(Types.TUPLE(Types.LONG, Types.LONG));
        DataSet<Tuple2<Long, Long>> neighbours = env.fromCollection(edges)
                .flatMap((FlatMapFunction<Tuple2<Long, Long>, Tuple2<Long, Long>>) (e, out) -> {
                    out.collect(e);
                    out.collect(Tuple2.of(e.f1, e.f0));
                }).returns(Types.TUPLE(Types.LONG, Types.LONG));
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = labels.iterateDelta(labels, 1000, 0)
                .setSolutionSetUnManaged(unmanaged)
                .registerAggregator("updates", new LongSumAggregator());
        DataSet<Tuple2<Long, Long>> offers = iteration.getWorkset()
                .join(neighbours).where(0).equalTo(0)
                .with((JoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>>) (vertex, edge) ->
                        Tuple2.of(edge.f1, vertex.f1))
                .returns(Types.TUPLE(Types.LONG, Types.LONG))
                .groupBy(0).aggregate(Aggregations.MIN, 1);
        DataSet<Tuple2<Long, Long>> changes = solutionSetAccess.equals("join")
                ? offers.join(iteration.getSolutionSet()).where(0).equalTo(0).with(new KeepSmaller())
                : iteration.getSolutionSet().coGroup(offers).where(0).equalTo(0).with(new KeepSmallerGroup())
                        .returns(Types.TUPLE(Types.LONG, Types.LONG));
        List<Tuple2<Long, Long>> actual = new ArrayList<>(iteration.closeWith(changes, changes).collect());
        actual.sort(Comparator.comparing(t -> t.f0));

        int[] parent = new int[vertices];
        for (int v = 0; v < vertices; v++) {
            parent[v] = v;
        }
        for (Tuple2<Long, Long> e : edges) {
            int a = root(parent, e.f0.intValue());
            int b = root(parent, e.f1.intValue());
            parent[Math.max(a, b)] = Math.min(a, b);
        }
        List<Tuple2<Long, Long>> expected = new ArrayList<>();
        for (int v = 0; v < vertices; v++) {
            expected.add(Tuple2.of((long) v, (long) root(parent, v)));
        }
        assertEquals(expected, actual);
    }

    private static int root(int[] parent, int v) {
        while (parent[v] != v) {
            v = parent[v];
        }
        return v;
    }

    /** Keeps an offer below the current label; counts the updates in an aggregator (the superstep must be 1 or more). */
    private static final class KeepSmaller
            extends RichFlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        @Override
        public void join(Tuple2<Long, Long> offer, Tuple2<Long, Long> current, Collector<Tuple2<Long, Long>> out) {
            if (getIterationRuntimeContext().getSuperstepNumber() < 1) {
                throw new IllegalStateException("superstep " + getIterationRuntimeContext().getSuperstepNumber());
            }
            if (offer.f1 < current.f1) {
                getIterationRuntimeContext().<LongSumAggregator>getIterationAggregator("updates").aggregate(1L);
                out.collect(offer);
            }
        }
    }

    private static final class KeepSmallerGroup
            implements CoGroupFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        @Override
        public void coGroup(Iterable<Tuple2<Long, Long>> current, Iterable<Tuple2<Long, Long>> offers,
                Collector<Tuple2<Long, Long>> out) {
            Tuple2<Long, Long> label = current.iterator().next();
            for (Tuple2<Long, Long> offer : offers) {
                if (offer.f1 < label.f1) {
                    out.collect(offer);
                }
            }
        }
    }

    /**
     * Every superstep raises each record's count by one and feeds it all back, so the workset never
     * empties; the aggregate of the counts reaches 5 x 100 in superstep 5, where the criterion ends
     * the iteration long before its maximum. The solution set join reads the workset straight from the
     * heads (shuffled by key), so a head that started its first superstep before another head had built its
     * part of the solution set was seen here: the heads align before the first superstep.
     */
    @org.junit.jupiter.api.Test
    void endsWhenTheConvergenceCriterionHoldsThoughTheWorksetIsNotEmpty() throws Exception {
        Configuration config = new Configuration();
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("16mb"));
        config.set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("16kb"));
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
        DataSet<Tuple2<Long, Long>> counts = env.generateSequence(0, 99)
                .map(k -> Tuple2.of(k, 0L)).returns(Types.TUPLE(Types.LONG, Types.LONG));
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = counts.iterateDelta(counts, 100, 0)
                .registerAggregationConvergenceCriterion("total", new LongSumAggregator(),
                        (superstep, total) -> total >= 500);
        DataSet<Tuple2<Long, Long>> raised = iteration.getWorkset()
                .join(iteration.getSolutionSet()).where(0).equalTo(0).with(new RaiseAndCount())
                .returns(Types.TUPLE(Types.LONG, Types.LONG));
        List<Tuple2<Long, Long>> result = new ArrayList<>(iteration.closeWith(raised, raised).collect());
        result.sort(Comparator.comparing(t -> t.f0));

        List<Tuple2<Long, Long>> expected = new ArrayList<>();
        for (long k = 0; k < 100; k++) {
            expected.add(Tuple2.of(k, 5L));
        }
        assertEquals(expected, result);
    }

    private static final class RaiseAndCount extends RichFlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        @Override
        public void join(Tuple2<Long, Long> workset, Tuple2<Long, Long> current, Collector<Tuple2<Long, Long>> out) {
            LongSumAggregator total = getIterationRuntimeContext().getIterationAggregator("total");
            total.aggregate(current.f1 + 1);
            out.collect(Tuple2.of(current.f0, current.f1 + 1));
        }
    }

    /**
     * The delta counterpart of the bulk iteration's back-pressure test: a workset of 200,000 records of
     * about 100 bytes (20 MB) goes round three supersteps, through the shuffle into the solution set join
     * and through a consumer that keeps pausing, with 4 KB network buffers, two per channel: the workset
     * and the delta are many times what the exchanges hold, so both feedbacks wait on back-pressure in
     * every superstep. Each key must be updated exactly once per superstep and keep its payload.
     */
    @org.junit.jupiter.api.Test
    void worksetFarLargerThanTheNetworkBuffersWithSlowConsumersDoesNotDeadlock() throws Exception {
        int n = 200_000;
        Configuration config = new Configuration();
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("64mb"));
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());
        config.set(io.eddy.runtime.exchange.NetworkOptions.BUFFER_SIZE, MemorySize.parse("4kb"));
        config.set(io.eddy.runtime.exchange.NetworkOptions.BUFFERS_PER_CHANNEL, 2);
        config.set(io.eddy.runtime.exchange.NetworkOptions.FLOATING_BUFFERS, 2);
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
        DataSet<Tuple2<Long, String>> records = env.generateSequence(0, n - 1)
                .map(i -> Tuple2.of(i, Long.toString(i) + "x".repeat(90)))
                .returns(Types.TUPLE(Types.LONG, Types.STRING));
        DataSet<Tuple2<Long, Long>> counts = records.map(r -> Tuple2.of(r.f0, 0L)).returns(Types.TUPLE(Types.LONG, Types.LONG));
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, String>> iteration = counts.iterateDelta(records, 3, 0);
        DataSet<Tuple2<Long, Long>> raised = iteration.getWorkset()
                .join(iteration.getSolutionSet()).where(0).equalTo(0)
                .with((JoinFunction<Tuple2<Long, String>, Tuple2<Long, Long>, Tuple2<Long, Long>>) (record, count) ->
                        Tuple2.of(count.f0, count.f1 + 1))
                .returns(Types.TUPLE(Types.LONG, Types.LONG));
        DataSet<Tuple2<Long, String>> nextWorkset = iteration.getWorkset().partitionByHash(0).map(new Pausing());
        List<Tuple2<Long, Long>> result = new ArrayList<>(iteration.closeWith(raised, nextWorkset).collect());
        result.sort(Comparator.comparing(t -> t.f0));

        assertEquals(n, result.size());
        for (int i = 0; i < n; i++) {
            assertEquals(Tuple2.of((long) i, 3L), result.get(i));
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(spillDir)) {
            assertEquals(List.of(), files.filter(java.nio.file.Files::isRegularFile).toList());
        }
    }

    /** A slow consumer: passes records on, pausing a millisecond every 2,000 records; checks each payload. */
    private static final class Pausing implements io.eddy.api.functions.MapFunction<Tuple2<Long, String>, Tuple2<Long, String>> {
        private long seen;

        @Override
        public Tuple2<Long, String> map(Tuple2<Long, String> record) throws InterruptedException {
            if (!record.f1.equals(record.f0 + "x".repeat(90))) {
                throw new IllegalStateException("record " + record.f0 + " lost its payload: " + record.f1);
            }
            if (++seen % 2_000 == 0) {
                Thread.sleep(1);
            }
            return record;
        }
    }
}
