package io.eddy.api.functions.rich;

import io.eddy.api.functions.FlatJoinFunction;

/** A {@link FlatJoinFunction} with open/close and access to the runtime context. */
public abstract class RichFlatJoinFunction<IN1, IN2, OUT> extends AbstractRichFunction implements FlatJoinFunction<IN1, IN2, OUT> {
    private static final long serialVersionUID = 1L;
}
