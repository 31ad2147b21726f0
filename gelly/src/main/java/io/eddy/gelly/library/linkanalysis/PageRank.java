package io.eddy.gelly.library.linkanalysis;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.dataset.aggregators.DoubleSumAggregator;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.dataset.JoinHint;
import io.eddy.api.functions.rich.RichCoGroupFunction;
import io.eddy.api.functions.rich.RichGroupReduceFunction;
import io.eddy.api.functions.rich.RichJoinFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.Vertex;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * PageRank, {@code (id, rank)} for every vertex, on a native bulk iteration whose state is the graph
 * in adjacency form, {@code (id, rank, out-neighbours)} ({@code long[]} for {@code Long} ids): the edges
 * are grouped per source once; each iteration every subtask walks its vertices' adjacency lists, sums
 * the contributions per receiving vertex inside the subtask (one record per receiver leaves it, not one
 * per edge), adds up those partial sums per vertex into the new ranks and joins them into the state. No
 * edge is shuffled, sorted or joined per iteration. With damping {@code d}
 * (default 0.85) and {@code N} vertices, {@code PR₀(v) = 1/N} and one iteration sets
 * <pre>  PR'(v) = (1 − d)/N + d · (S/N + Σ over edges u → v of PR(u) / outdeg(u))</pre>
 * where {@code S} is the total rank of the vertices without out-edges (so the ranks keep summing to 1);
 * parallel edges count each, edge values are ignored. {@link #iterations(int)} runs exactly that many
 * iterations; otherwise it runs until the L1 change of an iteration, {@code Σ |PR'(v) − PR(v)|}, is
 * below the tolerance (default 1e-9), at most {@link #maxIterations} times.
 *
 * <p>Personalised PageRank ({@link #personalized(Object)}) teleports to one source vertex {@code s}
 * instead: {@code PR₀ = [v = s]}, {@code PR'(v) = (1 − d)·[v = s] + d · (S·[v = s] + Σ PR(u)/outdeg(u))}.
 *
 * <p>Sums are taken in no fixed order, so ranks agree with another implementation within relative ~1e-12.
 */
public final class PageRank<K, VV, EV> implements GraphAlgorithm<K, VV, EV, DataSet<Tuple2<K, Double>>> {
    private static final String VERTEX_COUNT = "vertex-count";
    private static final String DANGLING = "dangling-rank";
    private static final String CHANGE = "l1-change";

    private double damping = 0.85;
    private int iterations;
    private double tolerance = 1e-9;
    private int maxIterations = 1000;
    private K source;

    public PageRank<K, VV, EV> damping(double damping) {
        if (!(damping > 0 && damping < 1)) {
            throw new IllegalArgumentException("The damping factor is between 0 and 1 (exclusive), not " + damping);
        }
        this.damping = damping;
        return this;
    }

    /** Runs exactly {@code iterations} iterations, no convergence test. */
    public PageRank<K, VV, EV> iterations(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("PageRank runs at least 1 iteration, not " + iterations);
        }
        this.iterations = iterations;
        return this;
    }

    /** Runs until an iteration changes the ranks by less than {@code tolerance} in L1 norm (at most {@code maxIterations}). */
    public PageRank<K, VV, EV> tolerance(double tolerance, int maxIterations) {
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.iterations = 0;
        return this;
    }

    /** Personalised PageRank: all teleports and dangling rank go to {@code source}. */
    public PageRank<K, VV, EV> personalized(K source) {
        this.source = source;
        return this;
    }

    @Override
    public DataSet<Tuple2<K, Double>> run(Graph<K, VV, EV> graph) {
        return run(graph, Adjacency.forKeys(graph.getKeyType()));
    }

    private <A> DataSet<Tuple2<K, Double>> run(Graph<K, VV, EV> graph, Adjacency<K, A> adjacency) {
        TypeInfo<K> key = graph.getKeyType();
        TypeInfo<Tuple3<K, Double, A>> stateType = Types.TUPLE(key, Types.DOUBLE, adjacency.type(key));
        DataSet<Long> vertexCount = graph.getVertices().mapPartition(new CountVertices<K, VV>()).returns(Types.LONG);
        DataSet<Tuple3<K, Double, A>> initial = graph.getVertices().coGroup(graph.getEdgeIds()).where(0).equalTo(0)
                .with(new WithAdjacency<K, VV, A>(source, adjacency)).returns(stateType).withBroadcastSet(vertexCount, VERTEX_COUNT);
        IterativeDataSet<Tuple3<K, Double, A>> loop = initial.iterate(iterations > 0 ? iterations : maxIterations);
        if (iterations == 0) {
            double limit = tolerance;
            loop.registerAggregationConvergenceCriterion(CHANGE, new DoubleSumAggregator(), (superstep, change) -> change < limit);
        }
        TypeInfo<Tuple2<K, Double>> rankType = Types.TUPLE(key, Types.DOUBLE);
        DataSet<Double> dangling = loop.filter(new WithoutOutEdges<K, A>(adjacency)).mapPartition(new SumOfRanks<K, A>())
                .returns(Types.DOUBLE);
        // the new ranks come out of the reduction of the partial sums, which waits for the (small) dangling
        // broadcast anyway; the join then only copies them into the state
        DataSet<Tuple2<K, Double>> ranks = loop.mapPartition(new Contributions<K, A>(key.getTypeClass(), adjacency))
                .returns(rankType).groupBy(0).reduceGroup(new NewRank<K>(damping, source)).returns(rankType)
                .withBroadcastSet(vertexCount, VERTEX_COUNT).withBroadcastSet(dangling, DANGLING);
        DataSet<Tuple3<K, Double, A>> next = loop.join(ranks, JoinHint.REPARTITION_HASH_SECOND).where(0).equalTo(0)
                .with(new Replace<K, A>(iterations == 0)).returns(stateType);
        return loop.closeWith(next).map(new Rank<K, A>()).returns(Types.TUPLE(key, Types.DOUBLE));
    }

    static long total(List<Long> partialCounts) {
        long n = 0;
        for (long c : partialCounts) {
            n += c;
        }
        return n;
    }

    private record CountVertices<K, VV>() implements GroupReduceFunction<Vertex<K, VV>, Long> {
        @Override
        public void reduce(Iterable<Vertex<K, VV>> vertices, Collector<Long> out) {
            long n = 0;
            for (Vertex<K, VV> ignored : vertices) {
                n++;
            }
            out.collect(n);
        }
    }

    /** {@code (id, initial rank, out-neighbours)}: a vertex with its adjacency list, kept across all iterations. */
    private static final class WithAdjacency<K, VV, A> extends RichCoGroupFunction<Vertex<K, VV>, Tuple2<K, K>, Tuple3<K, Double, A>> {
        private static final long serialVersionUID = 1L;

        private final K source;
        private final Adjacency<K, A> adjacency;
        private transient double uniform;

        WithAdjacency(K source, Adjacency<K, A> adjacency) {
            this.source = source;
            this.adjacency = adjacency;
        }

        @Override
        public void open(OpenContext context) {
            uniform = 1.0 / total(getRuntimeContext().getBroadcastVariable(VERTEX_COUNT));
        }

        @Override
        public void coGroup(Iterable<Vertex<K, VV>> vertex, Iterable<Tuple2<K, K>> edges, Collector<Tuple3<K, Double, A>> out) {
            Iterator<Vertex<K, VV>> it = vertex.iterator();
            if (!it.hasNext()) {
                return;
            }
            K id = it.next().id();
            List<K> targets = new ArrayList<>();
            for (Tuple2<K, K> e : edges) {
                targets.add(e.f1);
            }
            double rank = source == null ? uniform : source.equals(id) ? 1.0 : 0.0;
            out.collect(Tuple3.of(id, rank, adjacency.of(targets)));
        }
    }

    /**
     * Spreads each vertex's {@code PR(u)/outdeg(u)} over its out-neighbours, adding up per receiving vertex
     * within the subtask, and emits one partial sum per receiver (every vertex of the partition gets one, 0
     * at least, so that the join keeps it).
     */
    private static final class Contributions<K, A> extends RichGroupReduceFunction<Tuple3<K, Double, A>, Tuple2<K, Double>> {
        private static final long serialVersionUID = 1L;

        private final Class<K> keyClass;
        private final Adjacency<K, A> adjacency;

        Contributions(Class<K> keyClass, Adjacency<K, A> adjacency) {
            this.keyClass = keyClass;
            this.adjacency = adjacency;
        }

        @Override
        public void reduce(Iterable<Tuple3<K, Double, A>> vertices, Collector<Tuple2<K, Double>> out) {
            ContributionSums<K> sums = ContributionSums.forKeys(keyClass);
            for (Tuple3<K, Double, A> v : vertices) {
                sums.add(v.f0, 0.0);
                int degree = adjacency.degree(v.f2);
                if (degree > 0) {
                    adjacency.spread(v.f2, v.f1 / degree, sums);
                }
            }
            sums.emitAndClear(out);
        }
    }

    private record WithoutOutEdges<K, A>(Adjacency<K, A> adjacency) implements FilterFunction<Tuple3<K, Double, A>> {
        @Override
        public boolean filter(Tuple3<K, Double, A> vertex) {
            return adjacency.degree(vertex.f2) == 0;
        }
    }

    private record SumOfRanks<K, A>() implements GroupReduceFunction<Tuple3<K, Double, A>, Double> {
        @Override
        public void reduce(Iterable<Tuple3<K, Double, A>> vertices, Collector<Double> out) {
            double sum = 0;
            for (Tuple3<K, Double, A> v : vertices) {
                sum += v.f1;
            }
            out.collect(sum);
        }
    }

    /** The new rank of each vertex from its partial sums and the broadcast dangling rank and vertex count. */
    private static final class NewRank<K> extends RichGroupReduceFunction<Tuple2<K, Double>, Tuple2<K, Double>> {
        private static final long serialVersionUID = 1L;

        private final double damping;
        private final K source;
        private transient double n;
        private transient boolean started;
        private transient double dangling;

        NewRank(double damping, K source) {
            this.damping = damping;
            this.source = source;
        }

        @Override
        public void open(OpenContext context) {
            n = total(getRuntimeContext().getBroadcastVariable(VERTEX_COUNT));
        }

        @Override
        public void reduce(Iterable<Tuple2<K, Double>> partialSums, Collector<Tuple2<K, Double>> out) {
            if (!started) {
                // a fresh instance runs each superstep: the superstep's dangling rank, once
                started = true;
                for (Object partial : getRuntimeContext().getBroadcastVariable(DANGLING)) {
                    dangling += (Double) partial;
                }
            }
            K id = null;
            double sum = 0;
            for (Tuple2<K, Double> partial : partialSums) {
                id = partial.f0;
                sum += partial.f1;
            }
            double rank;
            if (source == null) {
                rank = (1 - damping) / n + damping * (dangling / n + sum);
            } else {
                boolean isSource = source.equals(id);
                rank = (isSource ? 1 - damping : 0) + damping * ((isSource ? dangling : 0) + sum);
            }
            out.collect(Tuple2.of(id, rank));
        }
    }

    /** The state with the vertex's new rank; adds the change to the L1 aggregator when the iteration converges by tolerance. */
    private static final class Replace<K, A> extends RichJoinFunction<Tuple3<K, Double, A>, Tuple2<K, Double>, Tuple3<K, Double, A>> {
        private static final long serialVersionUID = 1L;

        private final boolean measureChange;
        private transient DoubleSumAggregator change;

        Replace(boolean measureChange) {
            this.measureChange = measureChange;
        }

        @Override
        public Tuple3<K, Double, A> join(Tuple3<K, Double, A> v, Tuple2<K, Double> rank) {
            if (measureChange) {
                if (change == null) {
                    change = getIterationRuntimeContext().getIterationAggregator(CHANGE);
                }
                change.aggregate(Math.abs(rank.f1 - v.f1));
            }
            return Tuple3.of(v.f0, rank.f1, v.f2);
        }
    }

    private record Rank<K, A>() implements MapFunction<Tuple3<K, Double, A>, Tuple2<K, Double>> {
        @Override
        public Tuple2<K, Double> map(Tuple3<K, Double, A> v) {
            return Tuple2.of(v.f0, v.f1);
        }
    }
}
