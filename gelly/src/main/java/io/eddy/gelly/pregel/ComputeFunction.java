package io.eddy.gelly.pregel;

import io.eddy.gelly.Edge;
import io.eddy.gelly.EdgeDirection;
import io.eddy.gelly.IterationFunction;
import io.eddy.gelly.Vertex;

import java.util.List;

/**
 * The function of a {@link VertexCentricIteration} (Pregel): called once per superstep for each vertex
 * that received messages in the previous superstep, and for every vertex in the first superstep (with
 * no messages). It reads the vertex's value and its messages, may set a new value
 * ({@link #setNewVertexValue}, at most once per call) and may send messages ({@link #sendMessageTo},
 * {@link #sendMessageToAllNeighbors}) that the receivers see in the next superstep. A vertex that
 * receives no message is not called (it "votes to halt" until a message wakes it); the iteration ends
 * when a superstep sends no message.
 *
 * <p>The edges the function sees ({@link #getEdges()}) are the vertex's edges of the options'
 * direction (OUT: the edges leaving it; IN: those pointing at it; ALL: both). With
 * {@code IterationOptions.setDegreesAvailable(true)} it can also read the vertex's in- and out-degree.
 */
public abstract class ComputeFunction<K, VV, EV, M> extends IterationFunction {
    private static final long serialVersionUID = 1L;

    private transient K vertexId;
    private transient List<Edge<K, EV>> edges;
    private transient Outbox<K, VV, M> outbox;
    private transient boolean valueSet;

    public abstract void compute(Vertex<K, VV> vertex, Iterable<M> messages) throws Exception;

    /** The vertex's edges of the iteration's direction (for IN, the vertex is their target). */
    public Iterable<Edge<K, EV>> getEdges() {
        return edges;
    }

    /** Sends {@code message} to vertex {@code target}, which sees it in the next superstep. Messages to ids that are not vertices are dropped. */
    public void sendMessageTo(K target, M message) {
        if (message == null) {
            throw new IllegalArgumentException("A message cannot be null: send a value (e.g. an empty one) instead");
        }
        outbox.message(target, message);
    }

    /** Sends {@code message} to the far end of every edge of {@link #getEdges()} (once per edge). */
    public void sendMessageToAllNeighbors(M message) {
        for (Edge<K, EV> e : edges) {
            sendMessageTo(e.source().equals(vertexId) ? e.target() : e.source(), message);
        }
    }

    /** Gives the vertex a new value, which the vertex has from now on (in later supersteps and in the result). */
    public void setNewVertexValue(VV value) {
        if (valueSet) {
            throw new IllegalStateException("setNewVertexValue may be called once per compute call; vertex " + vertexId
                    + " got a second value");
        }
        valueSet = true;
        outbox.update(vertexId, value);
    }


    /** Where the values and messages of a compute call go; implemented by the iteration's operator. */
    interface Outbox<K, VV, M> {
        void update(K vertex, VV value);

        void message(K target, M message);
    }

    final void prepare(K vertexId, List<Edge<K, EV>> edges, long inDegree, long outDegree, Outbox<K, VV, M> outbox) {
        this.vertexId = vertexId;
        this.edges = edges;
        setVertexDegrees(inDegree, outDegree);
        this.outbox = outbox;
        this.valueSet = false;
    }

    /** Whether an edge of the vertex belongs to {@code direction} (a self-loop belongs to every direction). */
    static <K> boolean along(Edge<K, ?> edge, K vertex, EdgeDirection direction) {
        return switch (direction) {
            case OUT -> edge.source().equals(vertex);
            case IN -> edge.target().equals(vertex);
            case ALL -> true;
        };
    }
}
