package io.eddy.gelly.library.similarity;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.gelly.library.SimpleGraph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * For every pair {@code a < b} of vertices with at least one common neighbour in the {@link SimpleGraph
 * simple undirected graph}, the sum over their common neighbours {@code w} of {@code weight(d(w))}: each
 * vertex emits one term per pair of its neighbours, and the terms are summed per pair. The work is
 * {@code Σ d(w)²/2}, quadratic in the largest degree.
 */
final class CommonNeighbors {
    private CommonNeighbors() {}

    /** The weight of a common neighbour of degree {@code d} (at least 2). */
    interface Weight<V> extends java.io.Serializable {
        V of(long degree);
    }

    static <K extends Comparable<K>, V> DataSet<Tuple3<K, K, V>> sums(SimpleGraph<K> simple, Weight<V> weight, TypeInfo<V> valueType) {
        TypeInfo<K> k = simple.keyType();
        return simple.neighbors().groupBy(0).reduceGroup(new PairsOfNeighbors<K, V>(weight))
                .returns(io.eddy.api.types.Types.TUPLE(k, k, valueType)).groupBy(0, 1).sum(2);
    }

    private record PairsOfNeighbors<K extends Comparable<K>, V>(Weight<V> weight)
            implements GroupReduceFunction<Tuple2<K, K>, Tuple3<K, K, V>> {
        @Override
        public void reduce(Iterable<Tuple2<K, K>> neighbors, Collector<Tuple3<K, K, V>> out) {
            List<K> sorted = new ArrayList<>();
            for (Tuple2<K, K> n : neighbors) {
                sorted.add(n.f1);
            }
            Collections.sort(sorted);
            V term = weight.of(sorted.size());
            for (int i = 0; i < sorted.size(); i++) {
                for (int j = i + 1; j < sorted.size(); j++) {
                    out.collect(Tuple3.of(sorted.get(i), sorted.get(j), term));
                }
            }
        }
    }
}
