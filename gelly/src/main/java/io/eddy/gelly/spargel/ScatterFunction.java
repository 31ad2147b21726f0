package io.eddy.gelly.spargel;

import io.eddy.api.functions.Collector;
import io.eddy.api.tuple.Tuple2;
import io.eddy.gelly.Edge;
import io.eddy.gelly.IterationFunction;
import io.eddy.gelly.Vertex;

import java.util.List;

/**
 * The scatter step of a {@link ScatterGatherIteration}: called once per superstep for each vertex that
 * changed in the previous superstep (every vertex in the first), it sends messages along its edges of
 * the iteration's direction with {@link #sendMessageTo} or {@link #sendMessageToAllNeighbors}. With
 * {@code IterationOptions.setDegreesAvailable(true)} it can read the vertex's in- and out-degree
 * ({@link #getInDegree()}, {@link #getOutDegree()}) whatever the direction.
 */
public abstract class ScatterFunction<K, VV, M, EV> extends IterationFunction {
    private static final long serialVersionUID = 1L;

    private transient List<Edge<K, EV>> edges;
    private transient K vertexId;
    private transient Collector<Tuple2<K, M>> out;

    public abstract void sendMessages(Vertex<K, VV> vertex) throws Exception;

    /** The vertex's edges of the iteration's direction (for IN, the vertex is their target). */
    public Iterable<Edge<K, EV>> getEdges() {
        return edges;
    }

    /** The number of edges {@link #getEdges()} gives: the out-, in- or total degree for OUT, IN, ALL. */
    public long getDegree() {
        return edges.size();
    }

    public void sendMessageTo(K target, M message) {
        out.collect(Tuple2.of(target, message));
    }

    /** Sends {@code message} to the far end of every edge of {@link #getEdges()} (once per edge). */
    public void sendMessageToAllNeighbors(M message) {
        for (Edge<K, EV> e : edges) {
            out.collect(Tuple2.of(e.source().equals(vertexId) ? e.target() : e.source(), message));
        }
    }

    final void prepare(K vertexId, List<Edge<K, EV>> edges, Collector<Tuple2<K, M>> out) {
        this.vertexId = vertexId;
        this.edges = edges;
        this.out = out;
    }

}
