package io.eddy.api.operators;

import java.io.Serializable;

/**
 * An operator of a job: the runtime's unit of processing, wrapping a user function. Each
 * parallel subtask gets its own instance (deserialized from the job), and all its methods run
 * in that subtask's task thread, so operators hold state without locks.
 *
 * <p>Life cycle: {@link #setup} → {@link #open} → elements and watermarks → {@link #endInput}
 * (bounded input only) → {@link #close}. {@code close} also runs after a failure or cancellation,
 * so it must tolerate a half-opened operator.
 */
public abstract class StreamOperator<OUT> implements Serializable {
    private static final long serialVersionUID = 1L;

    protected transient Output<OUT> output;
    protected transient OperatorContext context;

    public void setup(OperatorContext context, Output<OUT> output) {
        this.context = context;
        this.output = output;
    }

    public void open() throws Exception {}

    /**
     * All input has arrived; emit what is buffered. Called before the downstream operators' {@code endInput}.
     *
     * <p>With checkpointing, checkpoints taken after it hold the operator's final state. A restore
     * from one does not call it again when every subtask of the operator's vertex (and of all
     * vertices before it) had ended its input, since what it emitted is downstream already. When only
     * some subtasks had, the vertex restarts normally and it runs again after the input replayed: so
     * clear in it what it emitted (e.g. drop the buffered values from state), and it emits each
     * value once.
     */
    public void endInput() throws Exception {}

    public void close() throws Exception {}

    /**
     * Called with the minimum watermark over all inputs whenever it advances: fires the event-time
     * timers it passes, then forwards it.
     */
    public void processWatermark(long watermark) throws Exception {
        context.advanceWatermark(watermark);
        output.emitWatermark(watermark);
    }

    /** All inputs went idle ({@code true}), or one became active again. */
    public void processWatermarkStatus(boolean idle) throws Exception {
        output.emitWatermarkStatus(idle);
    }

    /**
     * A checkpoint is taken now, in the task thread, between two elements: bring the state up to
     * date (e.g. move buffered values into operator state). The runtime then copies the state.
     */
    public void snapshotState(long checkpointId) throws Exception {}

    /** Checkpoint {@code checkpointId} is complete everywhere: e.g. publish what was held back for it. */
    public void notifyCheckpointComplete(long checkpointId) throws Exception {}

    public Output<OUT> getOutput() {
        return output;
    }
}
