package io.eddy.api.functions.process;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.ElementContext;
import io.eddy.api.functions.TimeDomain;
import io.eddy.api.functions.rich.AbstractRichFunction;

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
