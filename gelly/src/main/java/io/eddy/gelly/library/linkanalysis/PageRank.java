package io.eddy.gelly.library.linkanalysis;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.dataset.aggregators.DoubleSumAggregator;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichCoGroupFunction;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.Vertex;

import java.util.Iterator;
import java.util.List;

/**
 * PageRank, {@code (id, rank)} for every vertex, on a native bulk iteration. With damping {@code d}
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
        TypeInfo<K> key = graph.getKeyType();
        TypeInfo<Tuple3<K, Double, Long>> stateType = Types.TUPLE(key, Types.DOUBLE, Types.LONG);
        DataSet<Long> vertexCount = graph.getVertices().mapPartition(new CountVertices<K, VV>()).returns(Types.LONG);
        DataSet<Tuple3<K, Double, Long>> initial = graph.outDegrees().map(new InitialRank<K>(source)).returns(stateType)
                .withBroadcastSet(vertexCount, VERTEX_COUNT);
        IterativeDataSet<Tuple3<K, Double, Long>> loop = initial.iterate(iterations > 0 ? iterations : maxIterations);
        if (iterations == 0) {
            double limit = tolerance;
            loop.registerAggregationConvergenceCriterion(CHANGE, new DoubleSumAggregator(), (superstep, change) -> change < limit);
        }
        DataSet<Tuple2<K, K>> links = graph.getEdgeIds();
        DataSet<Tuple2<K, Double>> contributions = loop.join(links).where(0).equalTo(0)
                .with(new Contribution<K>()).returns(Types.TUPLE(key, Types.DOUBLE));
        DataSet<Double> dangling = loop.filter(new WithoutOutEdges<K>()).mapPartition(new SumOfRanks<K>()).returns(Types.DOUBLE);
        DataSet<Tuple3<K, Double, Long>> next = loop.coGroup(contributions).where(0).equalTo(0)
                .with(new Update<K>(damping, source, iterations == 0)).returns(stateType)
                .withBroadcastSet(vertexCount, VERTEX_COUNT).withBroadcastSet(dangling, DANGLING);
        return loop.closeWith(next).map(new Rank<K>()).returns(Types.TUPLE(key, Types.DOUBLE));
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

    private static final class InitialRank<K> extends RichMapFunction<Tuple2<K, Long>, Tuple3<K, Double, Long>> {
        private static final long serialVersionUID = 1L;

        private final K source;
        private transient double uniform;

        InitialRank(K source) {
            this.source = source;
        }

        @Override
        public void open(OpenContext context) {
            uniform = 1.0 / total(getRuntimeContext().getBroadcastVariable(VERTEX_COUNT));
        }

        @Override
        public Tuple3<K, Double, Long> map(Tuple2<K, Long> degree) {
            double rank = source == null ? uniform : source.equals(degree.f0) ? 1.0 : 0.0;
            return Tuple3.of(degree.f0, rank, degree.f1);
        }
    }

    private record Contribution<K>() implements JoinFunction<Tuple3<K, Double, Long>, Tuple2<K, K>, Tuple2<K, Double>> {
        @Override
        public Tuple2<K, Double> join(Tuple3<K, Double, Long> vertex, Tuple2<K, K> link) {
            return Tuple2.of(link.f1, vertex.f1 / vertex.f2);
        }
    }

    private record WithoutOutEdges<K>() implements FilterFunction<Tuple3<K, Double, Long>> {
        @Override
        public boolean filter(Tuple3<K, Double, Long> vertex) {
            return vertex.f2 == 0;
        }
    }

    private record SumOfRanks<K>() implements GroupReduceFunction<Tuple3<K, Double, Long>, Double> {
        @Override
        public void reduce(Iterable<Tuple3<K, Double, Long>> vertices, Collector<Double> out) {
            double sum = 0;
            for (Tuple3<K, Double, Long> v : vertices) {
                sum += v.f1;
            }
            out.collect(sum);
        }
    }

    /** The new rank of each vertex from its contributions and the broadcast dangling rank and vertex count. */
    private static final class Update<K> extends RichCoGroupFunction<Tuple3<K, Double, Long>, Tuple2<K, Double>, Tuple3<K, Double, Long>> {
        private static final long serialVersionUID = 1L;

        private final double damping;
        private final K source;
        private final boolean measureChange;
        private transient double n;
        private transient int superstep;
        private transient double dangling;
        private transient DoubleSumAggregator change;

        Update(double damping, K source, boolean measureChange) {
            this.damping = damping;
            this.source = source;
            this.measureChange = measureChange;
        }

        @Override
        public void open(OpenContext context) {
            n = total(getRuntimeContext().getBroadcastVariable(VERTEX_COUNT));
        }

        @Override
        public void coGroup(Iterable<Tuple3<K, Double, Long>> vertex, Iterable<Tuple2<K, Double>> contributions,
                Collector<Tuple3<K, Double, Long>> out) {
            Iterator<Tuple3<K, Double, Long>> it = vertex.iterator();
            if (!it.hasNext()) {
                return;
            }
            startSuperstep();
            Tuple3<K, Double, Long> v = it.next();
            double sum = 0;
            for (Tuple2<K, Double> c : contributions) {
                sum += c.f1;
            }
            double rank;
            if (source == null) {
                rank = (1 - damping) / n + damping * (dangling / n + sum);
            } else {
                boolean isSource = source.equals(v.f0);
                rank = (isSource ? 1 - damping : 0) + damping * ((isSource ? dangling : 0) + sum);
            }
            if (measureChange) {
                change.aggregate(Math.abs(rank - v.f1));
            }
            out.collect(Tuple3.of(v.f0, rank, v.f2));
        }

        private void startSuperstep() {
            int current = getIterationRuntimeContext().getSuperstepNumber();
            if (current != superstep) {
                superstep = current;
                dangling = 0;
                for (Object partial : getRuntimeContext().getBroadcastVariable(DANGLING)) {
                    dangling += (Double) partial;
                }
                if (measureChange) {
                    change = getIterationRuntimeContext().getIterationAggregator(CHANGE);
                }
            }
        }
    }

    private record Rank<K>() implements MapFunction<Tuple3<K, Double, Long>, Tuple2<K, Double>> {
        @Override
        public Tuple2<K, Double> map(Tuple3<K, Double, Long> v) {
            return Tuple2.of(v.f0, v.f1);
        }
    }
}
