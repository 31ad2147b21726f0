package io.eddy.api.functions.rich;

import io.eddy.api.state.KeyedStateStore;
import io.eddy.api.state.OperatorStateStore;

/** Where a {@link CheckpointedFunction} finds its state. */
public interface FunctionInitializationContext {
    OperatorStateStore getOperatorStateStore();

    /** The keyed state of the operator, or null when its input is not keyed. */
    KeyedStateStore getKeyedStateStore();
}
