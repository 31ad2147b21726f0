package io.eddy.gelly.library.community;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.Vertex;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Synchronous label propagation, {@code (id, label)} for every vertex, on a native bulk iteration of
 * exactly {@code iterations} supersteps. Each vertex starts with its own id as label; in each iteration
 * every vertex takes the label that occurs most often among its in-neighbours' labels of the previous
 * iteration (one occurrence per in-edge, parallel edges each; its own label does not count), ties to the
 * smallest label; a vertex without in-neighbours keeps its label.
 */
public final class LabelPropagation<K extends Comparable<K>, VV, EV> implements GraphAlgorithm<K, VV, EV, DataSet<Vertex<K, K>>> {
    private final int iterations;

    public LabelPropagation(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("Label propagation runs at least 1 iteration, not " + iterations);
        }
        this.iterations = iterations;
    }

    @Override
    public DataSet<Vertex<K, K>> run(Graph<K, VV, EV> graph) {
        var labelType = Vertex.type(graph.getKeyType(), graph.getKeyType());
        IterativeDataSet<Vertex<K, K>> labels = graph.getVertices().map(new OwnLabel<K, VV>()).returns(labelType).iterate(iterations);
        DataSet<Tuple2<K, K>> received = labels.join(graph.getEdgeIds()).where(0).equalTo(0)
                .with(new LabelAlongEdge<K>()).returns(Types.TUPLE(graph.getKeyType(), graph.getKeyType()));
        DataSet<Vertex<K, K>> next = labels.coGroup(received).where(0).equalTo(0).with(new MostFrequent<K>()).returns(labelType);
        return labels.closeWith(next);
    }

    private record OwnLabel<K, VV>() implements MapFunction<Vertex<K, VV>, Vertex<K, K>> {
        @Override
        public Vertex<K, K> map(Vertex<K, VV> vertex) {
            return new Vertex<>(vertex.id(), vertex.id());
        }
    }

    private record LabelAlongEdge<K>() implements JoinFunction<Vertex<K, K>, Tuple2<K, K>, Tuple2<K, K>> {
        @Override
        public Tuple2<K, K> join(Vertex<K, K> source, Tuple2<K, K> edge) {
            return Tuple2.of(edge.f1, source.value());
        }
    }

    private record MostFrequent<K extends Comparable<K>>() implements CoGroupFunction<Vertex<K, K>, Tuple2<K, K>, Vertex<K, K>> {
        @Override
        public void coGroup(Iterable<Vertex<K, K>> vertex, Iterable<Tuple2<K, K>> labels, Collector<Vertex<K, K>> out) {
            Iterator<Vertex<K, K>> it = vertex.iterator();
            if (!it.hasNext()) {
                return;
            }
            Vertex<K, K> v = it.next();
            Map<K, Integer> counts = new HashMap<>();
            K best = null;
            int bestCount = 0;
            for (Tuple2<K, K> l : labels) {
                int c = counts.merge(l.f1, 1, Integer::sum);
                if (c > bestCount || (c == bestCount && l.f1.compareTo(best) < 0)) {
                    best = l.f1;
                    bestCount = c;
                }
            }
            out.collect(best == null ? v : new Vertex<>(v.id(), best));
        }
    }
}
