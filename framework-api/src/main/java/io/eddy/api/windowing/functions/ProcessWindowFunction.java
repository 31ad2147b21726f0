package io.eddy.api.windowing.functions;

import io.eddy.api.functions.rich.AbstractRichFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.state.KeyedStateStore;
import io.eddy.api.windowing.windows.Window;

/**
 * Evaluates a window when its trigger fires: gets all its elements (or the one pre-aggregated
 * value of an incremental {@code reduce}/{@code aggregate}) with the window and key. Results carry
 * the timestamp {@code window.maxTimestamp()}.
 *
 * @param <IN> type of the window's elements (or of the pre-aggregated value)
 * @param <OUT> type of the results
 * @param <KEY> type of the key
 * @param <W> type of the window
 */
public abstract class ProcessWindowFunction<IN, OUT, KEY, W extends Window> extends AbstractRichFunction {
    private static final long serialVersionUID = 1L;

    public abstract void process(KEY key, Context context, Iterable<IN> elements, Collector<OUT> out) throws Exception;

    /** The window is gone (its allowed lateness has passed): clear what was kept in {@link Context#windowState()}. */
    public void clear(Context context) throws Exception {}

    /** What the function knows about the window being evaluated. */
    public abstract class Context {
        public abstract W window();

        public abstract long currentProcessingTime();

        public abstract long currentWatermark();

        /** State of the current key and this window, e.g. to tell a late re-firing from the first one. */
        public abstract KeyedStateStore windowState();

        /** State of the current key across all its windows. */
        public abstract KeyedStateStore globalState();

        public abstract <X> void output(OutputTag<X> tag, X value);
    }
}
