package io.eddy.api.functions.rich;

import io.eddy.api.functions.Function;

/**
 * A function with a life cycle: {@link #open} runs once in the task thread before the first
 * element, {@link #close} once after the last (also when the task fails or is cancelled).
 */
public interface RichFunction extends Function {
    void open(OpenContext context) throws Exception;

    void close() throws Exception;

    RuntimeContext getRuntimeContext();

    void setRuntimeContext(RuntimeContext context);
}
