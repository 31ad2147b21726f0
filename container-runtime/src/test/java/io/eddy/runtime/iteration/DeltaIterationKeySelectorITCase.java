package io.eddy.runtime.iteration;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.dataset.Aggregations;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.DeltaIteration;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.memory.MemoryManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A delta iteration whose solution set, of POJOs, is keyed by a KeySelector, as Flink programs write
 * it: connected components on random graphs, the offers joined with the solution set by field 0 on one
 * side and a selector on the other, or by selectors on both; every vertex must end with the smallest
 * id of its component, as a union-find computes it.
 */
class DeltaIterationKeySelectorITCase {
    @TempDir
    Path spillDir;

    /** A vertex and its component, a POJO (no field positions to key it by). */
    public static final class Vertex {
        public long id;
        public long component;

        public Vertex() {}

        Vertex(long id, long component) {
            this.id = id;
            this.component = component;
        }
    }

    private static final class VertexId implements KeySelector<Vertex, Long> {
        @Override
        public Long getKey(Vertex vertex) {
            return vertex.id;
        }
    }

    private static final class KeepSmaller implements FlatJoinFunction<Tuple2<Long, Long>, Vertex, Vertex> {
        @Override
        public void join(Tuple2<Long, Long> offer, Vertex current, Collector<Vertex> out) {
            if (offer.f1 < current.component) {
                out.collect(new Vertex(current.id, offer.f1));
            }
        }
    }

    private ExecutionEnvironment env(int parallelism) {
        Configuration config = new Configuration();
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("16mb"));
        config.set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("16kb"));
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());
        return ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(parallelism);
    }

    @ParameterizedTest(name = "seed {0}, parallelism {1}, unmanaged {2}, offers keyed by a selector {3}")
    @CsvSource({
        "1, 1, false, false",
        "2, 2, false, true",
        "3, 4, true, false",
        "4, 2, true, true",
    })
    void connectedComponentsOfPojosKeyedBySelectorMatchAUnionFind(long seed, int parallelism, boolean unmanaged,
            boolean offersBySelector) throws Exception {
        ExecutionEnvironment env = env(parallelism);
        SplittableRandom random = new SplittableRandom(seed);
        int vertices = 500 + random.nextInt(1500);
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        for (int e = random.nextInt(vertices / 2, vertices); e > 0; e--) {
            edges.add(Tuple2.of((long) random.nextInt(vertices), (long) random.nextInt(vertices)));
        }

        DataSet<Vertex> initial = env.generateSequence(0, vertices - 1).map(new MapFunction<Long, Vertex>() {
            @Override
            public Vertex map(Long v) {
                return new Vertex(v, v);
            }
        });
        DataSet<Tuple2<Long, Long>> workset = initial.map(v -> Tuple2.of(v.id, v.component))
                .returns(Types.TUPLE(Types.LONG, Types.LONG));
        DataSet<Tuple2<Long, Long>> neighbours = env.fromCollection(edges)
                .flatMap((FlatMapFunction<Tuple2<Long, Long>, Tuple2<Long, Long>>) (e, out) -> {
                    out.collect(e);
                    out.collect(Tuple2.of(e.f1, e.f0));
                }).returns(Types.TUPLE(Types.LONG, Types.LONG));

        DeltaIteration<Vertex, Tuple2<Long, Long>> iteration = initial.iterateDelta(workset, 1000, new VertexId())
                .setSolutionSetUnManaged(unmanaged);
        assertEquals(null, iteration.getSolutionSetKeyFields(), "keyed by a selector, not by positions");
        DataSet<Tuple2<Long, Long>> offers = iteration.getWorkset()
                .join(neighbours).where(0).equalTo(0)
                .with((JoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>>) (vertex, edge) ->
                        Tuple2.of(edge.f1, vertex.f1))
                .returns(Types.TUPLE(Types.LONG, Types.LONG))
                .groupBy(0).aggregate(Aggregations.MIN, 1);
        DataSet<Vertex> changes = (offersBySelector
                ? offers.join(iteration.getSolutionSet()).where(offer -> offer.f0).equalTo(new VertexId())
                : offers.join(iteration.getSolutionSet()).where(0).equalTo(new VertexId()))
                .with(new KeepSmaller());
        DataSet<Tuple2<Long, Long>> nextWorkset = changes.map(v -> Tuple2.of(v.id, v.component))
                .returns(Types.TUPLE(Types.LONG, Types.LONG));
        List<Vertex> actual = new ArrayList<>(iteration.closeWith(changes, nextWorkset).collect());
        actual.sort(Comparator.comparingLong(v -> v.id));

        assertComponentsOfAUnionFind(vertices, edges, actual);
    }

    /**
     * The same connected components with the offers co-grouped with the selector-keyed solution set: each
     * vertex's offers arrive as one group with its current record, and the smallest offer below the
     * current component wins. Offers keyed by field 0 or by a selector.
     */
    @ParameterizedTest(name = "seed {0}, unmanaged {1}, offers keyed by a selector {2}")
    @CsvSource({"5, false, false", "6, true, true", "7, false, true"})
    void aCoGroupWithASelectorKeyedSolutionSetMatchesAUnionFind(long seed, boolean unmanaged, boolean offersBySelector)
            throws Exception {
        ExecutionEnvironment env = env(2);
        SplittableRandom random = new SplittableRandom(seed);
        int vertices = 500 + random.nextInt(1500);
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        for (int e = random.nextInt(vertices / 2, vertices); e > 0; e--) {
            edges.add(Tuple2.of((long) random.nextInt(vertices), (long) random.nextInt(vertices)));
        }
        DataSet<Vertex> initial = env.generateSequence(0, vertices - 1).map(new MapFunction<Long, Vertex>() {
            @Override
            public Vertex map(Long v) {
                return new Vertex(v, v);
            }
        });
        DataSet<Tuple2<Long, Long>> neighbours = env.fromCollection(edges)
                .flatMap((FlatMapFunction<Tuple2<Long, Long>, Tuple2<Long, Long>>) (e, out) -> {
                    out.collect(e);
                    out.collect(Tuple2.of(e.f1, e.f0));
                }).returns(Types.TUPLE(Types.LONG, Types.LONG));
        DeltaIteration<Vertex, Vertex> iteration = initial.iterateDelta(initial, 1000, new VertexId())
                .setSolutionSetUnManaged(unmanaged);
        DataSet<Tuple2<Long, Long>> offers = iteration.getWorkset()
                .join(neighbours).where(new VertexId()).equalTo(0)
                .with((JoinFunction<Vertex, Tuple2<Long, Long>, Tuple2<Long, Long>>) (vertex, edge) ->
                        Tuple2.of(edge.f1, vertex.component))
                .returns(Types.TUPLE(Types.LONG, Types.LONG));
        DataSet<Vertex> changes = (offersBySelector
                ? offers.coGroup(iteration.getSolutionSet()).where(offer -> offer.f0).equalTo(new VertexId())
                : offers.coGroup(iteration.getSolutionSet()).where(0).equalTo(new VertexId()))
                .with(new SmallestOfferBelowCurrent());
        List<Vertex> actual = new ArrayList<>(iteration.closeWith(changes, changes).collect());
        actual.sort(Comparator.comparingLong(v -> v.id));

        assertComponentsOfAUnionFind(vertices, edges, actual);
    }

    private static final class SmallestOfferBelowCurrent implements CoGroupFunction<Tuple2<Long, Long>, Vertex, Vertex> {
        @Override
        public void coGroup(Iterable<Tuple2<Long, Long>> offers, Iterable<Vertex> current, Collector<Vertex> out) {
            long smallest = Long.MAX_VALUE;
            for (Tuple2<Long, Long> offer : offers) {
                smallest = Math.min(smallest, offer.f1);
            }
            for (Vertex vertex : current) {
                if (smallest < vertex.component) {
                    out.collect(new Vertex(vertex.id, smallest));
                }
            }
        }
    }

    @Test
    void aJoinNamingTheSolutionSetsKeyOtherwiseThanTheIterationIsRejectedWithTheFix() {
        ExecutionEnvironment env = env(1);
        DataSet<Tuple2<Long, Long>> pairs = env.fromElements(Tuple2.of(1L, 2L)).returns(Types.TUPLE(Types.LONG, Types.LONG));
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = pairs.iterateDelta(pairs, 5, p -> p.f0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> iteration.getWorkset().join(iteration.getSolutionSet()).where(0).equalTo(0));
        assertEquals("The solution set is keyed by a KeySelector of Long (iterateDelta(workset, maxIterations, "
                + "keySelector)), but this join uses its fields [0]: name the solution set's key with a KeySelector, "
                + "equalTo(keySelector), the one given to iterateDelta.", e.getMessage());
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> iteration.getWorkset().join(iteration.getSolutionSet()).where(0).equalTo(p -> String.valueOf(p.f0)));
        assertEquals("The solution set is keyed by a KeySelector of Long, but this join names its key with a "
                + "KeySelector of String: use the iteration's key selector, whose key the solution set is looked up by.",
                wrongType.getMessage());

        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> byField = pairs.iterateDelta(pairs, 5, 0);
        IllegalArgumentException selectorOnFields = assertThrows(IllegalArgumentException.class,
                () -> byField.getWorkset().join(byField.getSolutionSet()).where(0).equalTo(p -> p.f0));
        assertEquals("The solution set is keyed by fields [0], but this join names its key with a KeySelector: a join "
                + "with the solution set must use its key, equalTo(0).", selectorOnFields.getMessage());
    }

    /** Each vertex of {@code actual} (sorted by id) carries the smallest id of its component, found by a union-find. */
    private static void assertComponentsOfAUnionFind(int vertices, List<Tuple2<Long, Long>> edges, List<Vertex> actual) {
        int[] parent = new int[vertices];
        for (int v = 0; v < vertices; v++) {
            parent[v] = v;
        }
        for (Tuple2<Long, Long> e : edges) {
            int a = root(parent, e.f0.intValue());
            int b = root(parent, e.f1.intValue());
            parent[Math.max(a, b)] = Math.min(a, b);
        }
        assertEquals(vertices, actual.size());
        for (int v = 0; v < vertices; v++) {
            assertEquals(v, actual.get(v).id);
            assertEquals(root(parent, v), actual.get(v).component, "component of vertex " + v);
        }
    }

    private static int root(int[] parent, int v) {
        while (parent[v] != v) {
            v = parent[v];
        }
        return v;
    }
}
