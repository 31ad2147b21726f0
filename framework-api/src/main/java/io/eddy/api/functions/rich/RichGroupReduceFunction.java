package io.eddy.api.functions.rich;

import io.eddy.api.functions.GroupReduceFunction;

/** A {@link GroupReduceFunction} with open/close and access to the runtime context. */
public abstract class RichGroupReduceFunction<IN, OUT> extends AbstractRichFunction implements GroupReduceFunction<IN, OUT> {
    private static final long serialVersionUID = 1L;
}
