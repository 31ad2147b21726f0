package io.eddy.gelly.library.similarity;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.library.SimpleGraph;

/**
 * {@code (a, b, score)} for every pair {@code a < b} with at least one common neighbour in the
 * {@link SimpleGraph simple undirected graph}: {@code score = Σ 1 / ln(d(w))} over their common neighbours
 * {@code w} (each of degree at least 2). The terms are added in no fixed order, so scores agree with
 * another implementation up to rounding (relative 1e-12 or so).
 */
public final class AdamicAdar<K extends Comparable<K>, VV, EV> implements GraphAlgorithm<K, VV, EV, DataSet<Tuple3<K, K, Double>>> {
    @Override
    public DataSet<Tuple3<K, K, Double>> run(Graph<K, VV, EV> graph) {
        return CommonNeighbors.sums(SimpleGraph.of(graph), new InverseLogDegree(), Types.DOUBLE);
    }

    private record InverseLogDegree() implements CommonNeighbors.Weight<Double> {
        @Override
        public Double of(long degree) {
            return 1.0 / Math.log(degree);
        }
    }
}
