package io.eddy.gelly.library.similarity;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.tuple.Tuple4;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.library.SimpleGraph;

/**
 * {@code (a, b, score)} for every pair {@code a < b} with at least one common neighbour in the
 * {@link SimpleGraph simple undirected graph}: {@code score = |N(a) ∩ N(b)| / |N(a) ∪ N(b)|}, computed as
 * {@code shared / (d(a) + d(b) − shared)} from exact counts.
 */
public final class JaccardIndex<K extends Comparable<K>, VV, EV> implements GraphAlgorithm<K, VV, EV, DataSet<Tuple3<K, K, Double>>> {
    @Override
    public DataSet<Tuple3<K, K, Double>> run(Graph<K, VV, EV> graph) {
        SimpleGraph<K> simple = SimpleGraph.of(graph);
        TypeInfo<K> k = simple.keyType();
        DataSet<Tuple3<K, K, Long>> shared = CommonNeighbors.sums(simple, new One(), Types.LONG);
        return shared.join(simple.degrees()).where(0).equalTo(0).with(new FirstDegree<K>())
                .returns(Types.TUPLE(k, k, Types.LONG, Types.LONG))
                .join(simple.degrees()).where(1).equalTo(0).with(new Score<K>()).returns(Types.TUPLE(k, k, Types.DOUBLE));
    }

    private record One() implements CommonNeighbors.Weight<Long> {
        @Override
        public Long of(long degree) {
            return 1L;
        }
    }

    private record FirstDegree<K>() implements JoinFunction<Tuple3<K, K, Long>, Tuple2<K, Long>, Tuple4<K, K, Long, Long>> {
        @Override
        public Tuple4<K, K, Long, Long> join(Tuple3<K, K, Long> pair, Tuple2<K, Long> degree) {
            return Tuple4.of(pair.f0, pair.f1, pair.f2, degree.f1);
        }
    }

    private record Score<K>() implements JoinFunction<Tuple4<K, K, Long, Long>, Tuple2<K, Long>, Tuple3<K, K, Double>> {
        @Override
        public Tuple3<K, K, Double> join(Tuple4<K, K, Long, Long> pair, Tuple2<K, Long> degree) {
            long shared = pair.f2;
            return Tuple3.of(pair.f0, pair.f1, (double) shared / (pair.f3 + degree.f1 - shared));
        }
    }
}
