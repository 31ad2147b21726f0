package io.eddy.api.functions.rich;

import io.eddy.api.functions.CrossFunction;

/** A {@link CrossFunction} with open/close and access to the runtime context. */
public abstract class RichCrossFunction<IN1, IN2, OUT> extends AbstractRichFunction implements CrossFunction<IN1, IN2, OUT> {
    private static final long serialVersionUID = 1L;
}
