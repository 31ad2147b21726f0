package io.eddy.api.windowing.functions;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.Function;
import io.eddy.api.windowing.windows.Window;

/** A simpler {@link ProcessWindowFunction}: the key, the window and its elements, without context. */
@FunctionalInterface
public interface WindowFunction<IN, OUT, KEY, W extends Window> extends Function {
    void apply(KEY key, W window, Iterable<IN> input, Collector<OUT> out) throws Exception;
}
