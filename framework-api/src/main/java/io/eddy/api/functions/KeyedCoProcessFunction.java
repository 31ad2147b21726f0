package io.eddy.api.functions;

/**
 * A process function on two connected streams keyed by the same key type: the elements of a key
 * from both inputs meet in one subtask, where the function keeps per-key state (through
 * {@code getRuntimeContext()}) and sets per-key timers. {@link #onTimer} runs with the timer's key
 * current.
 */
public abstract class KeyedCoProcessFunction<K, IN1, IN2, OUT> extends AbstractRichFunction {
    private static final long serialVersionUID = 1L;

    public abstract void processElement1(IN1 value, Context ctx, Collector<OUT> out) throws Exception;

    public abstract void processElement2(IN2 value, Context ctx, Collector<OUT> out) throws Exception;

    /** Called when a timer set through {@link Context#timerService()} fires. */
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {}

    /** What the function knows about the element being processed. */
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
