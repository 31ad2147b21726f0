package io.eddy.api.functions;

/**
 * A process function on a keyed stream: per-key state (through {@code getRuntimeContext()}) and
 * per-key timers. {@link #onTimer} runs with the timer's key current, so state accessed there
 * is that key's.
 */
public abstract class KeyedProcessFunction<K, I, O> extends AbstractRichFunction {
    private static final long serialVersionUID = 1L;

    public abstract void processElement(I value, Context ctx, Collector<O> out) throws Exception;

    /** Called when a timer set through {@link Context#timerService()} fires. */
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<O> out) throws Exception {}

    /** What a keyed process function knows about the element being processed. */
    public abstract class Context {
        /** The element's event timestamp (or, in {@code onTimer}, the timer's), or null when it has none. */
        public abstract Long timestamp();

        public abstract TimerService timerService();

        public abstract <X> void output(OutputTag<X> tag, X value);

        public abstract K getCurrentKey();
    }

    /** The context of {@link #onTimer}. */
    public abstract class OnTimerContext extends Context {
        public abstract TimeDomain timeDomain();
    }
}
