package io.eddy.api.windowing.functions;

import io.eddy.api.functions.Collector;
import io.eddy.api.windowing.windows.Window;

/** Emits what the window holds as it is: the result of a window {@code reduce} or {@code aggregate} without a window function. */
public final class PassThroughWindowFunction<T, K, W extends Window> extends ProcessWindowFunction<T, T, K, W> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(K key, Context context, Iterable<T> elements, Collector<T> out) {
        for (T element : elements) {
            out.collect(element);
        }
    }
}
