package io.eddy.api.functions.rich;

import io.eddy.api.functions.Function;

/**
 * A function that keeps operator state (per subtask, not per key) or wants its state set up before
 * {@code open}. {@link #initializeState} runs once per subtask before {@link RichFunction#open};
 * {@link #snapshotState} will be called by checkpoints before they copy the state, so the function
 * can move what it holds in fields into its state.
 */
public interface CheckpointedFunction extends Function {
    void initializeState(FunctionInitializationContext context) throws Exception;

    void snapshotState(long checkpointId) throws Exception;
}
