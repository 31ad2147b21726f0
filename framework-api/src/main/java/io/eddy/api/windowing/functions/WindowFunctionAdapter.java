package io.eddy.api.windowing.functions;

import io.eddy.api.functions.Collector;
import io.eddy.api.windowing.windows.Window;

/** Runs a {@link WindowFunction} as a {@link ProcessWindowFunction}. */
public final class WindowFunctionAdapter<IN, OUT, K, W extends Window> extends ProcessWindowFunction<IN, OUT, K, W> {
    private static final long serialVersionUID = 1L;

    private final WindowFunction<IN, OUT, K, W> function;

    public WindowFunctionAdapter(WindowFunction<IN, OUT, K, W> function) {
        this.function = function;
    }

    @Override
    public void process(K key, Context context, Iterable<IN> elements, Collector<OUT> out) throws Exception {
        function.apply(key, context.window(), elements, out);
    }
}
