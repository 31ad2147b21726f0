package io.eddy.gelly.library.paths;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.EdgeDirection;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.IterationOptions;
import io.eddy.gelly.Vertex;
import io.eddy.gelly.pregel.ComputeFunction;
import io.eddy.gelly.pregel.VertexCentricIteration;
import io.eddy.gelly.spargel.GatherFunction;
import io.eddy.gelly.spargel.ScatterFunction;
import io.eddy.gelly.spargel.ScatterGatherIteration;

/**
 * Single-source shortest paths on the directed graph: {@code (id, distance)} for every vertex, the
 * smallest sum of edge weights over the directed paths from {@code source}; 0 for the source,
 * {@code Infinity} when no path exists. Weights are the edges' {@code Double} values (positive); use
 * {@code graph.mapEdges(e -> 1.0, Types.DOUBLE)} for hop counts. Bellman-Ford as scatter-gather on a native
 * delta iteration: vertices whose distance fell send {@code distance + weight} along their out-edges;
 * it ends when no distance falls, or after {@code maxIterations} supersteps. The same in the vertex-centric
 * model ({@link Model#VERTEX_CENTRIC}): a vertex takes the smallest distance it receives (one per superstep, by a
 * min combiner) and, when it fell, sends {@code distance + weight} along its out-edges.
 */
public final class SingleSourceShortestPaths<K, VV> implements GraphAlgorithm<K, VV, Double, DataSet<Vertex<K, Double>>> {
    public enum Model { SCATTER_GATHER, VERTEX_CENTRIC }

    private final K source;
    private final int maxIterations;
    private final Model model;
    private final IterationOptions options;

    public SingleSourceShortestPaths(K source, int maxIterations) {
        this(source, maxIterations, Model.SCATTER_GATHER, new IterationOptions());
    }

    public SingleSourceShortestPaths(K source, int maxIterations, IterationOptions options) {
        this(source, maxIterations, Model.SCATTER_GATHER, options);
    }

    public SingleSourceShortestPaths(K source, int maxIterations, Model model, IterationOptions options) {
        this.source = source;
        this.maxIterations = maxIterations;
        this.model = model;
        this.options = options.setDirection(EdgeDirection.OUT);
    }

    @Override
    public DataSet<Vertex<K, Double>> run(Graph<K, VV, Double> graph) {
        Graph<K, Double, Double> initial = graph.mapVertices(new InitialDistance<K, VV>(source), Types.DOUBLE);
        Graph<K, Double, Double> result = model == Model.SCATTER_GATHER
                ? ScatterGatherIteration.run(initial, new SendDistance<K>(), new KeepShortest<K>(), Types.DOUBLE, maxIterations, options)
                : VertexCentricIteration.run(initial, new Relax<K>(), Math::min, Types.DOUBLE, maxIterations, options);
        return result.getVertices();
    }

    /** Pregel: the source starts in the first superstep; a vertex whose distance fell tells its out-neighbours. */
    private static final class Relax<K> extends ComputeFunction<K, Double, Double, Double> {
        private static final long serialVersionUID = 1L;

        @Override
        public void compute(Vertex<K, Double> vertex, Iterable<Double> distances) {
            double shortest = vertex.value();
            for (double d : distances) {
                shortest = Math.min(shortest, d);
            }
            boolean fell = shortest < vertex.value();
            if (fell) {
                setNewVertexValue(shortest);
            }
            if (fell || (getSuperstepNumber() == 1 && shortest == 0)) {
                for (Edge<K, Double> e : getEdges()) {
                    sendMessageTo(e.target(), shortest + e.value());
                }
            }
        }
    }

    private record InitialDistance<K, VV>(K source) implements MapFunction<Vertex<K, VV>, Double> {
        @Override
        public Double map(Vertex<K, VV> vertex) {
            return vertex.id().equals(source) ? 0.0 : Double.POSITIVE_INFINITY;
        }
    }

    private static final class SendDistance<K> extends ScatterFunction<K, Double, Double, Double> {
        private static final long serialVersionUID = 1L;

        @Override
        public void sendMessages(Vertex<K, Double> vertex) {
            if (vertex.value() < Double.POSITIVE_INFINITY) {
                for (Edge<K, Double> e : getEdges()) {
                    sendMessageTo(e.target(), vertex.value() + e.value());
                }
            }
        }
    }

    private static final class KeepShortest<K> extends GatherFunction<K, Double, Double> {
        private static final long serialVersionUID = 1L;

        @Override
        public void updateVertex(Vertex<K, Double> vertex, Iterable<Double> distances) {
            double shortest = vertex.value();
            for (double d : distances) {
                shortest = Math.min(shortest, d);
            }
            if (shortest < vertex.value()) {
                setNewVertexValue(shortest);
            }
        }
    }
}
