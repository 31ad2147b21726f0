package io.eddy.runtime.operators;

import io.eddy.runtime.io.TaskManagedResources;
import io.eddy.runtime.iteration.alignment.SuperstepAlignment;
import io.eddy.runtime.execution.ExecutionAttemptId;
import io.eddy.api.functions.rich.RuntimeContext;
import io.eddy.api.operators.OperatorContext;
import io.eddy.runtime.state.KeyedStateBackend;

import java.util.List;
import java.util.Map;

/**
 * The task's {@link OperatorContext} as the built-in operators see it: with the keyed state
 * backend itself, for the namespaced and merging states of windows and for timers. Users' operators
 * see only {@link OperatorContext}; like it, this is used by the task thread only.
 */
public interface RuntimeOperatorContext extends OperatorContext {
    /** The keyed state backend of this operator, or null when the operator's input is not keyed. */
    <K> KeyedStateBackend<K> getKeyedStateBackend();

    /** The task's managed memory and spill files, for batch operators (sorts, hash tables). */
    TaskManagedResources getManagedResources();

    /** Where the heads of an iteration align their supersteps (the job's JobMaster), or null outside a deployed task. */
    SuperstepAlignment getSuperstepAlignment();

    /** The execution attempt of the task this operator runs in. */
    ExecutionAttemptId getExecutionAttemptId();

    /**
     * The runtime context the operator gives its user function: this context, or a view of it that
     * adds what the function's surroundings add (an iteration's superstep and aggregators).
     */
    RuntimeContext getFunctionContext();

    /** Replaces the context given to user functions opened from now on; null restores this context. */
    void setFunctionContext(RuntimeContext context);

    /** The broadcast sets {@code getBroadcastVariable} returns, by name, from now on (complete lists). */
    void setBroadcastVariables(Map<String, List<?>> variables);

    /**
     * BATCH mode, for a keyed operator whose input arrives sorted by key: the timer services this
     * operator creates from now on neither follow the clock nor the watermark; their timers wait for
     * {@link #fireTimersOfCurrentKey()}. Called before the operator opens.
     */
    void deferTimersToEndOfKey();

    /**
     * BATCH mode, at the end of the current key's records: fires its event-time timers in time order
     * with the watermark at +infinity, then its processing-time timers, until none is left (a timer
     * may register more); the watermark is then back at its start for the next key.
     */
    void fireTimersOfCurrentKey() throws Exception;

    /** BATCH mode, after {@link #fireTimersOfCurrentKey()}: drops the keyed state of the current key. */
    void clearStateOfCurrentKey();

    /** The backend behind {@code context}, which the task always creates as a {@code RuntimeOperatorContext}. */
    static <K> KeyedStateBackend<K> keyedStateBackend(OperatorContext context) {
        return ((RuntimeOperatorContext) context).getKeyedStateBackend();
    }
}
