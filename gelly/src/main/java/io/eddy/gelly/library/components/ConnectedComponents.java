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
import io.eddy.gelly.pregel.ComputeFunction;
import io.eddy.gelly.pregel.VertexCentricIteration;
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
 * <p>Four implementations of the same result: {@link Model#SCATTER_GATHER}, {@link Model#GATHER_SUM_APPLY},
 * {@link Model#VERTEX_CENTRIC} (Pregel, with a min combiner so that each vertex receives one label per superstep)
 * and {@link Model#BLOCKS} (label propagation between blocks of the graph contracted to their local components).
 */
public final class ConnectedComponents<K extends Comparable<K>, VV, EV> implements GraphAlgorithm<K, VV, EV, DataSet<Vertex<K, K>>> {
    /**
     * How the labels propagate. The three iteration models propagate along every edge, one hop per
     * superstep; {@link #BLOCKS} contracts each block of the graph to its local components once and
     * propagates between blocks only ({@link ComponentBlocks}), the fastest on large graphs; there
     * {@code maxIterations} bounds the supersteps of the contracted graph.
     */
    public enum Model { SCATTER_GATHER, GATHER_SUM_APPLY, VERTEX_CENTRIC, BLOCKS }

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
        if (model == Model.BLOCKS) {
            return ComponentBlocks.run(graph, Vertex.type(graph.getKeyType(), graph.getKeyType()), maxIterations);
        }
        Graph<K, K, EV> labelled = graph.mapVertices(new OwnId<K, VV>(), graph.getKeyType());
        Graph<K, K, EV> result = switch (model) {
            case SCATTER_GATHER -> ScatterGatherIteration.run(labelled, new SendLabel<K, EV>(), new KeepSmallest<K>(),
                    graph.getKeyType(), maxIterations, options);
            case GATHER_SUM_APPLY -> GatherSumApplyIteration.run(labelled, new LabelOf<K, EV>(), ConnectedComponents::smaller,
                    new TakeIfSmaller<K>(), graph.getKeyType(), maxIterations, options);
            case VERTEX_CENTRIC -> VertexCentricIteration.run(labelled, new AdoptSmallest<K, EV>(), ConnectedComponents::smaller,
                    graph.getKeyType(), maxIterations, options);
            case BLOCKS -> throw new AssertionError("handled above: BLOCKS runs no vertex iteration");
        };
        return result.getVertices();
    }

    private static <K extends Comparable<K>> K smaller(K a, K b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Pregel: in the first superstep every vertex sends its id; later a vertex whose label fell sends the new one. */
    private static final class AdoptSmallest<K extends Comparable<K>, EV> extends ComputeFunction<K, K, EV, K> {
        private static final long serialVersionUID = 1L;

        @Override
        public void compute(Vertex<K, K> vertex, Iterable<K> labels) {
            K smallest = vertex.value();
            for (K label : labels) {
                smallest = smaller(label, smallest);
            }
            if (getSuperstepNumber() == 1 || smallest.compareTo(vertex.value()) < 0) {
                if (smallest.compareTo(vertex.value()) < 0) {
                    setNewVertexValue(smallest);
                }
                sendMessageToAllNeighbors(smallest);
            }
        }
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
