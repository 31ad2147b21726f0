package io.eddy.api.functions.rich;

import io.eddy.api.functions.MapFunction;

/** A {@link MapFunction} with open/close and access to the runtime context. */
public abstract class RichMapFunction<IN, OUT> extends AbstractRichFunction implements MapFunction<IN, OUT> {
    private static final long serialVersionUID = 1L;
}
