package io.eddy.gelly.gsa;

import io.eddy.gelly.IterationFunction;

/**
 * The apply step of a {@link GatherSumApplyIteration}: from the summed contributions and the vertex's
 * current value, possibly a new value with {@link #setResult}; only vertices that get one take part in
 * the next superstep.
 */
public abstract class ApplyFunction<K, VV, M> extends IterationFunction {
    private static final long serialVersionUID = 1L;

    private transient VV result;
    private transient boolean updated;

    public abstract void apply(M sum, VV currentValue) throws Exception;

    public void setResult(VV value) {
        this.result = value;
        this.updated = true;
    }

    final void reset() {
        updated = false;
        result = null;
    }

    final boolean updated() {
        return updated;
    }

    final VV result() {
        return result;
    }
}
