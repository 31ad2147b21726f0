package io.eddy.runtime.operators;

import io.eddy.api.operators.OperatorContext;
import io.eddy.runtime.state.KeyedStateBackend;

/**
 * The task's {@link OperatorContext} as the built-in operators see it: with the keyed state
 * backend itself, for the namespaced and merging states of windows and for timers. Users' operators
 * see only {@link OperatorContext}; like it, this is used by the task thread only.
 */
public interface RuntimeOperatorContext extends OperatorContext {
    /** The keyed state backend of this operator, or null when the operator's input is not keyed. */
    <K> KeyedStateBackend<K> getKeyedStateBackend();

    /** The backend behind {@code context}, which the task always creates as a {@code RuntimeOperatorContext}. */
    static <K> KeyedStateBackend<K> keyedStateBackend(OperatorContext context) {
        return ((RuntimeOperatorContext) context).getKeyedStateBackend();
    }
}
