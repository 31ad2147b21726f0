package io.eddy.api.operators;

import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.functions.rich.FunctionInitializationContext;
import io.eddy.api.functions.rich.RuntimeContext;
import io.eddy.api.state.KeyedStateStore;
import io.eddy.api.state.OperatorStateStore;
import io.eddy.api.types.serializers.TypeSerializer;

/** What the task gives an operator when it is set up. */
public interface OperatorContext extends RuntimeContext, FunctionInitializationContext {
    /**
     * The keyed state of this operator, or null when its input is not keyed. The runtime makes each
     * element's key current before {@code processElement}, and a timer's key before it fires, so
     * the state objects read and write the content of that key.
     */
    @Override
    KeyedStateStore getKeyedStateStore();

    /**
     * The key of the element or timer being processed.
     *
     * @throws IllegalStateException when the operator's input is not keyed
     */
    <K> K getCurrentKey();

    /** The state of this operator in this subtask that is not scoped to keys. */
    @Override
    OperatorStateStore getOperatorStateStore();

    ProcessingTimeService getProcessingTimeService();

    /**
     * The timer service {@code name} of this keyed operator, created on first use; timers fire on
     * {@code target} with their key current.
     *
     * @throws IllegalStateException when the operator's input is not keyed
     */
    <K, N> InternalTimerService<N> getInternalTimerService(String name, TypeSerializer<N> namespaceSerializer,
            Triggerable<K, N> target);

    /** The current watermark of the operator, {@code Long.MIN_VALUE} before the first. */
    long currentWatermark();

    /** Advances the operator's watermark and fires its event-time timers up to it, in timestamp order. */
    void advanceWatermark(long watermark) throws Exception;

    ExecutionConfig getExecutionConfig();

    /**
     * Whether a checkpoint follows {@link StreamOperator#endInput()}: true with checkpointing, or
     * when the job is stopped with a drain. An operator that publishes output only for completed
     * checkpoints then keeps what it holds for the next checkpoint (which holds the task's final
     * state) instead of publishing it in {@code endInput}; the task finishes once the final
     * checkpoint, taken when every task of the job ended its input, completed. Read it in
     * {@code endInput}.
     */
    boolean isFinalCheckpointPending();

    /** Class loader of the user's code; also the context class loader of the task thread. */
    @Override
    ClassLoader getUserCodeClassLoader();
}
