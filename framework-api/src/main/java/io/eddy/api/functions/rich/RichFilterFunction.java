package io.eddy.api.functions.rich;

import io.eddy.api.functions.FilterFunction;

/** A {@link FilterFunction} with open/close and access to the runtime context. */
public abstract class RichFilterFunction<T> extends AbstractRichFunction implements FilterFunction<T> {
    private static final long serialVersionUID = 1L;
}
