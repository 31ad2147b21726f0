package io.eddy.api.operators;

import io.eddy.api.functions.RuntimeContext;
import io.eddy.api.state.KeyedStateBackend;

/** What the task gives an operator when it is set up. */
public interface OperatorContext extends RuntimeContext {
    /**
     * The keyed state backend of this operator, or null when the operator's input is not keyed.
     * Keyed operators set the current key on it before touching state.
     */
    <K> KeyedStateBackend<K> getKeyedStateBackend();

    /** Class loader of the user's code; also the context class loader of the task thread. */
    @Override
    ClassLoader getUserCodeClassLoader();
}
