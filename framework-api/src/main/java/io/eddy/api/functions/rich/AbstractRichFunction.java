package io.eddy.api.functions.rich;

/** Convenience base for rich functions: no-op {@code open} and {@code close}, keeps the context. */
public abstract class AbstractRichFunction implements RichFunction {
    private static final long serialVersionUID = 1L;

    private transient RuntimeContext runtimeContext;

    @Override
    public void open(OpenContext context) throws Exception {}

    @Override
    public void close() throws Exception {}

    @Override
    public RuntimeContext getRuntimeContext() {
        if (runtimeContext == null) {
            throw new IllegalStateException(
                    "The runtime context is available only while the function runs in a task, from open() on.");
        }
        return runtimeContext;
    }

    /**
     * The runtime context of a function that runs in an iteration's step function: the superstep and
     * the iteration's aggregators.
     */
    public IterationRuntimeContext getIterationRuntimeContext() {
        if (getRuntimeContext() instanceof IterationRuntimeContext iteration) {
            return iteration;
        }
        throw new IllegalStateException("'" + runtimeContext.getTaskName() + "' is not part of an iteration's step "
                + "function, so it has no iteration runtime context: use getRuntimeContext(), or apply the function "
                + "to a data set of the iteration (the IterativeDataSet, or the workset or solution set of a DeltaIteration).");
    }

    @Override
    public void setRuntimeContext(RuntimeContext context) {
        this.runtimeContext = context;
    }
}
