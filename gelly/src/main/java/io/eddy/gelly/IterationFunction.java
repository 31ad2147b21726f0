package io.eddy.gelly;

import io.eddy.api.dataset.aggregators.Aggregator;
import io.eddy.api.functions.rich.IterationRuntimeContext;

import java.io.Serializable;
import java.util.List;

/**
 * Base of the user functions of the iteration models (scatter-gather, gather-sum-apply, vertex-centric):
 * what a function may ask about the running superstep. The model's operator that runs the function
 * {@link #attach attaches} it to its subtask's iteration context when the subtask opens; a function
 * instance is used by that one subtask thread only.
 */
public abstract class IterationFunction implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient IterationRuntimeContext context;
    private transient int superstep;
    /** The current vertex's degrees, -1 when the iteration does not make them available (set in {@link #attach}: transient). */
    private transient long inDegree;
    private transient long outDegree;

    /** Called by the iteration model's operator when its subtask opens; not for user code. */
    public final void attach(IterationRuntimeContext context) {
        this.context = context;
        this.superstep = 0;
        this.inDegree = -1;
        this.outDegree = -1;
    }

    /** Called by the iteration model's operator before each vertex: starts a superstep when a new one runs. */
    public final void beforeVertex() throws Exception {
        int current = context().getSuperstepNumber();
        if (current != superstep) {
            superstep = current;
            preSuperstep();
        }
    }

    /** The running superstep, 1 for the first. */
    public int getSuperstepNumber() {
        return context().getSuperstepNumber();
    }

    /** This subtask's instance of the aggregator registered on the iteration's options under {@code name}. */
    public <A extends Aggregator<?>> A getIterationAggregator(String name) {
        return context().getIterationAggregator(name);
    }

    /** The combined value of aggregator {@code name} after the previous superstep; null in the first. */
    public <T extends Serializable> T getPreviousIterationAggregate(String name) {
        return context().getPreviousIterationAggregate(name);
    }

    /** The records of the broadcast set registered on the iteration's options under {@code name}. */
    public <T> List<T> getBroadcastSet(String name) {
        return context().getBroadcastVariable(name);
    }

    /** Called by the iteration model's operator before each vertex: its degrees, or -1 when not available; not for user code. */
    public final void setVertexDegrees(long inDegree, long outDegree) {
        this.inDegree = inDegree;
        this.outDegree = outDegree;
    }

    /**
     * The number of edges pointing at the current vertex, whatever the iteration's direction; with
     * {@code IterationOptions.setDegreesAvailable(true)}. The current vertex is the one the function runs for;
     * for a gather-sum-apply gather function, the neighbour it gathers from.
     */
    public long getInDegree() {
        return degree(inDegree);
    }

    /** The number of edges leaving the current vertex; available as {@link #getInDegree()} is. */
    public long getOutDegree() {
        return degree(outDegree);
    }

    private static long degree(long degree) {
        if (degree < 0) {
            throw new IllegalStateException("Degrees are not available: set IterationOptions.setDegreesAvailable(true) "
                    + "on the iteration's options");
        }
        return degree;
    }

    /** Called before the function sees the first vertex of a superstep (in each subtask). */
    public void preSuperstep() throws Exception {}

    private IterationRuntimeContext context() {
        if (context == null) {
            throw new IllegalStateException("The iteration context is available only while the function runs in an iteration");
        }
        return context;
    }
}
