package io.eddy.api.functions.rich;

import io.eddy.api.functions.CoGroupFunction;

/** A {@link CoGroupFunction} with open/close and access to the runtime context. */
public abstract class RichCoGroupFunction<IN1, IN2, OUT> extends AbstractRichFunction implements CoGroupFunction<IN1, IN2, OUT> {
    private static final long serialVersionUID = 1L;
}
