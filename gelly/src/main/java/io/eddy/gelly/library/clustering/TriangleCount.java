package io.eddy.gelly.library.clustering;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.library.SimpleGraph;

/**
 * {@code (id, t(id))} for every vertex: the number of triangles of the {@link SimpleGraph simple
 * undirected graph} that contain it (0 for most). The graph's total is the sum over vertices / 3.
 */
public final class TriangleCount<K extends Comparable<K>, VV, EV> implements GraphAlgorithm<K, VV, EV, DataSet<Tuple2<K, Long>>> {
    @Override
    public DataSet<Tuple2<K, Long>> run(Graph<K, VV, EV> graph) {
        return perVertex(SimpleGraph.of(graph));
    }

    static <K extends Comparable<K>> DataSet<Tuple2<K, Long>> perVertex(SimpleGraph<K> simple) {
        TypeInfo<Tuple2<K, Long>> type = Types.TUPLE(simple.keyType(), Types.LONG);
        DataSet<Tuple2<K, Long>> corners = TriangleListing.undirected(simple).flatMap(new Corners<K>()).returns(type);
        return simple.degrees().map(new Zero<K>()).returns(type).union(corners).groupBy(0).sum(1);
    }

    private record Corners<K>() implements FlatMapFunction<Tuple3<K, K, K>, Tuple2<K, Long>> {
        @Override
        public void flatMap(Tuple3<K, K, K> t, Collector<Tuple2<K, Long>> out) {
            out.collect(Tuple2.of(t.f0, 1L));
            out.collect(Tuple2.of(t.f1, 1L));
            out.collect(Tuple2.of(t.f2, 1L));
        }
    }

    private record Zero<K>() implements MapFunction<Tuple2<K, Long>, Tuple2<K, Long>> {
        @Override
        public Tuple2<K, Long> map(Tuple2<K, Long> degree) {
            return Tuple2.of(degree.f0, 0L);
        }
    }
}
