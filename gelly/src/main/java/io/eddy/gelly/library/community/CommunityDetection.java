package io.eddy.gelly.library.community;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.IterationOptions;
import io.eddy.gelly.Vertex;
import io.eddy.gelly.spargel.GatherFunction;
import io.eddy.gelly.spargel.ScatterFunction;
import io.eddy.gelly.spargel.ScatterGatherIteration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Community detection by label propagation with scores and hop attenuation (Leung et al., Gelly's
 * {@code CommunityDetection}): {@code (id, label)} for every vertex of a graph whose vertex values are the
 * initial labels ({@code Long}) and whose edge values are weights ({@code Double}). Edge directions are
 * ignored: each edge carries labels both ways. Every vertex starts with score 1.0. Scatter-gather on a
 * native delta iteration, at most {@code maxIterations} supersteps:
 * <ul>
 *   <li>scatter: each vertex updated in the previous superstep (every vertex in the first) sends
 *       {@code (label, score · weight)} along each of its edges (both directions of every edge);</li>
 *   <li>gather, superstep {@code s}, for a vertex with messages: per label, the sum of the received scores
 *       (summed in ascending order of score, so that the result does not depend on the order of arrival).
 *       The winner is the label with the largest sum (ties: the smallest label); if no sum is positive the
 *       vertex keeps label and score and is not updated. Otherwise its new score is the largest single score
 *       received with the winning label, minus {@code delta / s} if the winner differs from its current label
 *       (the hop attenuation), and the vertex is updated (and scatters next superstep) even if nothing changed.</li>
 * </ul>
 * A vertex without edges keeps its initial label. The iteration ends when no vertex is updated or after
 * {@code maxIterations} supersteps.
 */
public final class CommunityDetection<K> implements GraphAlgorithm<K, Long, Double, DataSet<Vertex<K, Long>>> {
    private final int maxIterations;
    private final double delta;
    private final IterationOptions options;

    /** {@code delta}: the hop attenuation, {@code >= 0}; Gelly's examples use 0.5. */
    public CommunityDetection(int maxIterations, double delta) {
        this(maxIterations, delta, new IterationOptions());
    }

    public CommunityDetection(int maxIterations, double delta, IterationOptions options) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("Community detection runs at least 1 iteration, not " + maxIterations);
        }
        if (!(delta >= 0)) {
            throw new IllegalArgumentException("The hop attenuation delta is a number >= 0, not " + delta);
        }
        this.maxIterations = maxIterations;
        this.delta = delta;
        this.options = options;
    }

    @Override
    public DataSet<Vertex<K, Long>> run(Graph<K, Long, Double> graph) {
        TypeInfo<Tuple2<Long, Double>> scored = Types.TUPLE(Types.LONG, Types.DOUBLE);
        Graph<K, Tuple2<Long, Double>, Double> start = graph.getUndirected().mapVertices(new ScoreOne<K>(), scored);
        return ScatterGatherIteration.run(start, new SendLabel<K>(), new AdoptLabel<K>(delta), scored, maxIterations, options)
                .getVertices().map(new LabelOnly<K>()).returns(Vertex.type(graph.getKeyType(), Types.LONG));
    }

    private record ScoreOne<K>() implements MapFunction<Vertex<K, Long>, Tuple2<Long, Double>> {
        @Override
        public Tuple2<Long, Double> map(Vertex<K, Long> vertex) {
            return Tuple2.of(vertex.value(), 1.0);
        }
    }

    private static final class SendLabel<K> extends ScatterFunction<K, Tuple2<Long, Double>, Tuple2<Long, Double>, Double> {
        private static final long serialVersionUID = 1L;

        @Override
        public void sendMessages(Vertex<K, Tuple2<Long, Double>> vertex) {
            for (Edge<K, Double> e : getEdges()) {
                sendMessageTo(e.target(), Tuple2.of(vertex.value().f0, vertex.value().f1 * e.value()));
            }
        }
    }

    /** Label order, then score order: the order in which the scores of a label are summed. */
    private static final Comparator<Tuple2<Long, Double>> LABEL_THEN_SCORE =
            Comparator.<Tuple2<Long, Double>>comparingLong(m -> m.f0).thenComparingDouble(m -> m.f1);

    private static final class AdoptLabel<K> extends GatherFunction<K, Tuple2<Long, Double>, Tuple2<Long, Double>> {
        private static final long serialVersionUID = 1L;

        private final double delta;
        private transient List<Tuple2<Long, Double>> sorted;

        AdoptLabel(double delta) {
            this.delta = delta;
        }

        @Override
        public void updateVertex(Vertex<K, Tuple2<Long, Double>> vertex, Iterable<Tuple2<Long, Double>> messages) {
            if (sorted == null) {
                sorted = new ArrayList<>();
            }
            sorted.clear();
            messages.forEach(sorted::add);
            sorted.sort(LABEL_THEN_SCORE);
            long winner = 0;
            double winnerSum = 0;
            double winnerHighest = 0;
            for (int i = 0; i < sorted.size(); ) {
                long label = sorted.get(i).f0;
                double sum = 0;
                double highest = Double.NEGATIVE_INFINITY;
                for (; i < sorted.size() && sorted.get(i).f0 == label; i++) {
                    sum += sorted.get(i).f1;
                    highest = Math.max(highest, sorted.get(i).f1);
                }
                if (sum > winnerSum) {
                    winner = label;
                    winnerSum = sum;
                    winnerHighest = highest;
                }
            }
            if (winnerSum > 0) {
                long current = vertex.value().f0;
                double score = winner == current ? winnerHighest : winnerHighest - delta / getSuperstepNumber();
                setNewVertexValue(Tuple2.of(winner, score));
            }
        }
    }

    private record LabelOnly<K>() implements MapFunction<Vertex<K, Tuple2<Long, Double>>, Vertex<K, Long>> {
        @Override
        public Vertex<K, Long> map(Vertex<K, Tuple2<Long, Double>> vertex) {
            return new Vertex<>(vertex.id(), vertex.value().f0);
        }
    }
}
