package io.eddy.api.functions;

import java.io.Serializable;

/**
 * Turns the records of a broadcast set into the form a function uses (e.g. a map by key), once per
 * subtask and broadcast set: {@code getRuntimeContext().getBroadcastVariableWithInitializer(name, init)}
 * runs it on first use and returns the same value afterwards (per superstep inside an iteration).
 */
@FunctionalInterface
public interface BroadcastVariableInitializer<T, O> extends Serializable {
    O initializeBroadcastVariable(Iterable<T> data);
}
