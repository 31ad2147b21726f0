package io.eddy.gelly.library.components;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.MapFunction;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.IterationOptions;
import io.eddy.gelly.EdgeDirection;
import io.eddy.gelly.Neighbor;
import io.eddy.gelly.Vertex;
import io.eddy.gelly.gsa.ApplyFunction;
import io.eddy.gelly.gsa.GatherSumApplyIteration;
import io.eddy.gelly.spargel.GatherFunction;
import io.eddy.gelly.spargel.ScatterFunction;
import io.eddy.gelly.spargel.ScatterGatherIteration;

/**
 * Weakly connected components: {@code (id, component)} for every vertex, the component being the
 * smallest vertex id in the vertex's component of the graph with edge directions ignored (an isolated
 * vertex is its own component). Label propagation on a native delta iteration: every vertex starts with
 * its own id, and each superstep the vertices whose label fell send it to their neighbours, which keep
 * the smallest label they see; it ends when no label falls (after at most the largest component's
 * diameter + 1 supersteps, or {@code maxIterations}).
 *
 * <p>Two implementations of the same result: {@link Model#SCATTER_GATHER} and {@link Model#GATHER_SUM_APPLY}.
 */
public final class ConnectedComponents<K extends Comparable<K>, VV, EV> implements GraphAlgorithm<K, VV, EV, DataSet<Vertex<K, K>>> {
    public enum Model { SCATTER_GATHER, GATHER_SUM_APPLY }

    private final Model model;
    private final int maxIterations;
    private final IterationOptions options;

    public ConnectedComponents(Model model, int maxIterations) {
        this(model, maxIterations, new IterationOptions());
    }

    public ConnectedComponents(Model model, int maxIterations, IterationOptions options) {
        this.model = model;
        this.maxIterations = maxIterations;
        this.options = options.setDirection(EdgeDirection.ALL);
    }

    @Override
    public DataSet<Vertex<K, K>> run(Graph<K, VV, EV> graph) {
        Graph<K, K, EV> labelled = graph.mapVertices(new OwnId<K, VV>(), graph.getKeyType());
        Graph<K, K, EV> result = model == Model.SCATTER_GATHER
                ? ScatterGatherIteration.run(labelled, new SendLabel<K, EV>(), new KeepSmallest<K>(), graph.getKeyType(),
                        maxIterations, options)
                : GatherSumApplyIteration.run(labelled, new LabelOf<K, EV>(), (a, b) -> a.compareTo(b) <= 0 ? a : b,
                        new TakeIfSmaller<K>(), graph.getKeyType(), maxIterations, options);
        return result.getVertices();
    }

    private record OwnId<K, VV>() implements MapFunction<Vertex<K, VV>, K> {
        @Override
        public K map(Vertex<K, VV> vertex) {
            return vertex.id();
        }
    }

    private static final class SendLabel<K, EV> extends ScatterFunction<K, K, K, EV> {
        private static final long serialVersionUID = 1L;

        @Override
        public void sendMessages(Vertex<K, K> vertex) {
            sendMessageToAllNeighbors(vertex.value());
        }
    }

    private static final class KeepSmallest<K extends Comparable<K>> extends GatherFunction<K, K, K> {
        private static final long serialVersionUID = 1L;

        @Override
        public void updateVertex(Vertex<K, K> vertex, Iterable<K> labels) {
            K smallest = vertex.value();
            for (K label : labels) {
                if (label.compareTo(smallest) < 0) {
                    smallest = label;
                }
            }
            if (smallest.compareTo(vertex.value()) < 0) {
                setNewVertexValue(smallest);
            }
        }
    }

    private static final class LabelOf<K, EV> extends io.eddy.gelly.gsa.GatherFunction<K, K, EV, K> {
        private static final long serialVersionUID = 1L;

        @Override
        public K gather(Neighbor<K, K, EV> neighbor) {
            return neighbor.value();
        }
    }

    private static final class TakeIfSmaller<K extends Comparable<K>> extends ApplyFunction<K, K, K> {
        private static final long serialVersionUID = 1L;

        @Override
        public void apply(K smallest, K current) {
            if (smallest.compareTo(current) < 0) {
                setResult(smallest);
            }
        }
    }
}
