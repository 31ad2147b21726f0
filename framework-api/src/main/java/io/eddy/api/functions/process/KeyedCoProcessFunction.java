package io.eddy.api.functions.process;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.ElementContext;
import io.eddy.api.functions.TimeDomain;
import io.eddy.api.functions.rich.AbstractRichFunction;

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
    public class Context extends ElementContext {
        public Context(Scope scope) {
            super(scope);
        }

        public K getCurrentKey() {
            return currentKey();
        }
    }

    /** The context of {@link #onTimer}. */
    public class OnTimerContext extends Context {
        public OnTimerContext(Scope scope) {
            super(scope);
        }

        @Override
        public TimeDomain timeDomain() {
            return super.timeDomain();
        }
    }
}
