package io.eddy.gelly.library.linkanalysis;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.Vertex;

import java.util.Iterator;

/**
 * HITS hubs and authorities, {@code (id, hub, authority)} for every vertex, on a native bulk iteration of
 * exactly {@code iterations} supersteps. Authorities start at 1. Each iteration computes the hubs from
 * the authorities, {@code h(u) = Σ over edges u → v of a(v)}, then the authorities from the new hubs,
 * {@code a(v) = Σ over edges u → v of h(u)} (parallel edges count each), then scales each vector to unit
 * L2 norm (a zero vector stays zero).
 */
public final class HITS<K, VV, EV> implements GraphAlgorithm<K, VV, EV, DataSet<Tuple3<K, Double, Double>>> {
    private static final String NORMS = "squared-norms";

    private final int iterations;

    public HITS(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("HITS runs at least 1 iteration, not " + iterations);
        }
        this.iterations = iterations;
    }

    @Override
    public DataSet<Tuple3<K, Double, Double>> run(Graph<K, VV, EV> graph) {
        TypeInfo<K> key = graph.getKeyType();
        TypeInfo<Tuple3<K, Double, Double>> scoreType = Types.TUPLE(key, Types.DOUBLE, Types.DOUBLE);
        TypeInfo<Tuple2<K, Double>> partType = Types.TUPLE(key, Types.DOUBLE);
        DataSet<Tuple2<K, K>> edges = graph.getEdgeIds();
        IterativeDataSet<Tuple3<K, Double, Double>> scores = graph.getVertices().map(new Initial<K, VV>()).returns(scoreType)
                .iterate(iterations);
        // h(u) = Σ a(v) over u -> v: the authority of each target, sent to the source
        DataSet<Tuple2<K, Double>> toSources = scores.join(edges).where(0).equalTo(1).with(new Along<K>(2, false)).returns(partType);
        DataSet<Tuple3<K, Double, Double>> hubs = scores.coGroup(toSources).where(0).equalTo(0).with(new Sum<K>(true)).returns(scoreType);
        // a(v) = Σ h(u) over u -> v: the new hub of each source, sent to the target
        DataSet<Tuple2<K, Double>> toTargets = hubs.join(edges).where(0).equalTo(0).with(new Along<K>(1, true)).returns(partType);
        DataSet<Tuple3<K, Double, Double>> raw = hubs.coGroup(toTargets).where(0).equalTo(0).with(new Sum<K>(false)).returns(scoreType);
        DataSet<double[]> norms = raw.mapPartition(new SquaredNorms<K>()).returns(Types.DOUBLE_ARRAY);
        DataSet<Tuple3<K, Double, Double>> next = raw.map(new Normalize<K>()).returns(scoreType).withBroadcastSet(norms, NORMS);
        return scores.closeWith(next);
    }

    private record Initial<K, VV>() implements MapFunction<Vertex<K, VV>, Tuple3<K, Double, Double>> {
        @Override
        public Tuple3<K, Double, Double> map(Vertex<K, VV> v) {
            return Tuple3.of(v.id(), 0.0, 1.0);
        }
    }

    /** The score in field {@code field} of the vertex, sent to the edge's target (or source). */
    private record Along<K>(int field, boolean toTarget) implements JoinFunction<Tuple3<K, Double, Double>, Tuple2<K, K>, Tuple2<K, Double>> {
        @Override
        public Tuple2<K, Double> join(Tuple3<K, Double, Double> vertex, Tuple2<K, K> edge) {
            return Tuple2.of(toTarget ? edge.f1 : edge.f0, vertex.getField(field));
        }
    }

    /** Replaces the hub (or authority) of each vertex by the sum of what it received (0 for nothing). */
    private record Sum<K>(boolean hub) implements CoGroupFunction<Tuple3<K, Double, Double>, Tuple2<K, Double>, Tuple3<K, Double, Double>> {
        @Override
        public void coGroup(Iterable<Tuple3<K, Double, Double>> vertex, Iterable<Tuple2<K, Double>> parts,
                Collector<Tuple3<K, Double, Double>> out) {
            Iterator<Tuple3<K, Double, Double>> it = vertex.iterator();
            if (!it.hasNext()) {
                return;
            }
            Tuple3<K, Double, Double> v = it.next();
            double sum = 0;
            for (Tuple2<K, Double> p : parts) {
                sum += p.f1;
            }
            out.collect(hub ? Tuple3.of(v.f0, sum, v.f2) : Tuple3.of(v.f0, v.f1, sum));
        }
    }

    private record SquaredNorms<K>() implements GroupReduceFunction<Tuple3<K, Double, Double>, double[]> {
        @Override
        public void reduce(Iterable<Tuple3<K, Double, Double>> scores, Collector<double[]> out) {
            double h = 0;
            double a = 0;
            for (Tuple3<K, Double, Double> s : scores) {
                h += s.f1 * s.f1;
                a += s.f2 * s.f2;
            }
            out.collect(new double[] {h, a});
        }
    }

    private static final class Normalize<K> extends RichMapFunction<Tuple3<K, Double, Double>, Tuple3<K, Double, Double>> {
        private static final long serialVersionUID = 1L;

        private transient int superstep = -1;
        private transient double hubNorm;
        private transient double authorityNorm;

        @Override
        public Tuple3<K, Double, Double> map(Tuple3<K, Double, Double> s) {
            int current = getIterationRuntimeContext().getSuperstepNumber();
            if (current != superstep) {
                superstep = current;
                double h = 0;
                double a = 0;
                for (Object part : getRuntimeContext().getBroadcastVariable(NORMS)) {
                    h += ((double[]) part)[0];
                    a += ((double[]) part)[1];
                }
                hubNorm = Math.sqrt(h);
                authorityNorm = Math.sqrt(a);
            }
            return Tuple3.of(s.f0, hubNorm == 0 ? 0.0 : s.f1 / hubNorm, authorityNorm == 0 ? 0.0 : s.f2 / authorityNorm);
        }
    }
}
