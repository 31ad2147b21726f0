package io.eddy.runtime.operators;

import io.eddy.api.functions.Function;
import io.eddy.api.functions.rich.CheckpointedFunction;
import io.eddy.api.operators.StreamOperator;

/**
 * An operator that runs one user function and drives its life cycle: runtime context, then
 * {@link CheckpointedFunction#initializeState}, then {@code open}, and {@code close} at the end.
 */
public abstract class UdfOperator<OUT, F extends Function> extends StreamOperator<OUT> {
    private static final long serialVersionUID = 1L;

    protected final F function;

    protected UdfOperator(F function) {
        this.function = function;
    }

    public F getFunction() {
        return function;
    }

    @Override
    public void open() throws Exception {
        FunctionLifecycle.setRuntimeContext(function, context);
        if (function instanceof CheckpointedFunction checkpointed) {
            checkpointed.initializeState(context);
        }
        FunctionLifecycle.open(function);
    }

    @Override
    public void snapshotState(long checkpointId) throws Exception {
        if (function instanceof CheckpointedFunction checkpointed) {
            checkpointed.snapshotState(checkpointId);
        }
    }

    @Override
    public void close() throws Exception {
        FunctionLifecycle.close(function);
    }
}
