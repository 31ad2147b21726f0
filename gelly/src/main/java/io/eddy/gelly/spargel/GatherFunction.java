package io.eddy.gelly.spargel;

import io.eddy.gelly.IterationFunction;
import io.eddy.gelly.Vertex;

/**
 * The gather step of a {@link ScatterGatherIteration}: called once per superstep for each vertex that
 * received messages, it may give the vertex a new value with {@link #setNewVertexValue}; only vertices
 * that get one take part in the next superstep's scatter. With
 * {@code IterationOptions.setDegreesAvailable(true)} it can read the vertex's in- and out-degree
 * ({@link #getInDegree()}, {@link #getOutDegree()}).
 */
public abstract class GatherFunction<K, VV, M> extends IterationFunction {
    private static final long serialVersionUID = 1L;

    private transient VV newValue;
    private transient boolean updated;

    public abstract void updateVertex(Vertex<K, VV> vertex, Iterable<M> messages) throws Exception;

    public void setNewVertexValue(VV value) {
        this.newValue = value;
        this.updated = true;
    }

    final void reset() {
        updated = false;
        newValue = null;
    }

    final boolean updated() {
        return updated;
    }

    final VV newValue() {
        return newValue;
    }
}
