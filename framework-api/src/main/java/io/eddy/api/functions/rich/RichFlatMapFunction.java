package io.eddy.api.functions.rich;

import io.eddy.api.functions.FlatMapFunction;

/** A {@link FlatMapFunction} with open/close and access to the runtime context. */
public abstract class RichFlatMapFunction<IN, OUT> extends AbstractRichFunction
        implements FlatMapFunction<IN, OUT> {
    private static final long serialVersionUID = 1L;
}
