package io.eddy.gelly.library.clustering;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.library.SimpleGraph;

/**
 * {@code (id, degree, triangles)} for every vertex of the {@link SimpleGraph simple undirected graph}:
 * {@code d} its number of distinct neighbours and {@code t} the triangles through it. Its local
 * clustering coefficient, {@link #coefficient}, is {@code 2·t / (d·(d − 1))}, and 0 when {@code d < 2}.
 */
public final class LocalClusteringCoefficient<K extends Comparable<K>, VV, EV>
        implements GraphAlgorithm<K, VV, EV, DataSet<Tuple3<K, Long, Long>>> {
    @Override
    public DataSet<Tuple3<K, Long, Long>> run(Graph<K, VV, EV> graph) {
        return of(SimpleGraph.of(graph));
    }

    static <K extends Comparable<K>> DataSet<Tuple3<K, Long, Long>> of(SimpleGraph<K> simple) {
        return simple.degrees().join(TriangleCount.perVertex(simple)).where(0).equalTo(0)
                .with(new DegreeAndTriangles<K>()).returns(Types.TUPLE(simple.keyType(), Types.LONG, Types.LONG));
    }

    /** {@code 2·t / (d·(d − 1))}, 0 when {@code d < 2}. */
    public static double coefficient(long degree, long triangles) {
        return degree < 2 ? 0.0 : 2.0 * triangles / ((double) degree * (degree - 1));
    }

    private record DegreeAndTriangles<K>() implements JoinFunction<Tuple2<K, Long>, Tuple2<K, Long>, Tuple3<K, Long, Long>> {
        @Override
        public Tuple3<K, Long, Long> join(Tuple2<K, Long> degree, Tuple2<K, Long> triangles) {
            return Tuple3.of(degree.f0, degree.f1, triangles.f1);
        }
    }
}
