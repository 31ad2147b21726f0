package io.eddy.api.functions.rich;

import io.eddy.api.functions.JoinFunction;

/** A {@link JoinFunction} with open/close and access to the runtime context. */
public abstract class RichJoinFunction<IN1, IN2, OUT> extends AbstractRichFunction implements JoinFunction<IN1, IN2, OUT> {
    private static final long serialVersionUID = 1L;
}
