package io.eddy.api.functions.rich;

import io.eddy.api.functions.ReduceFunction;

/** A {@link ReduceFunction} with open/close and access to the runtime context. */
public abstract class RichReduceFunction<T> extends AbstractRichFunction implements ReduceFunction<T> {
    private static final long serialVersionUID = 1L;
}
