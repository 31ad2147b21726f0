package io.eddy.api.functions.process;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.ElementContext;
import io.eddy.api.functions.TimeDomain;
import io.eddy.api.functions.rich.AbstractRichFunction;
import io.eddy.api.state.BroadcastState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.ReadOnlyBroadcastState;

/**
 * Processes a keyed stream connected with a broadcast stream. Like {@link BroadcastProcessFunction},
 * and {@link #processElement} additionally has the element's key current: it may use keyed state
 * (through {@code getRuntimeContext()}) and set timers, which fire in {@link #onTimer} with their key
 * current. {@link #processBroadcastElement} belongs to no key (the current key is left over from
 * the last element), so it must not touch keyed state.
 */
public abstract class KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> extends AbstractRichFunction {
    private static final long serialVersionUID = 1L;

    public abstract void processElement(IN1 value, ReadOnlyContext ctx, Collector<OUT> out) throws Exception;

    public abstract void processBroadcastElement(IN2 value, Context ctx, Collector<OUT> out) throws Exception;

    /** Called when a timer set through {@link ReadOnlyContext#timerService()} fires. */
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {}

    /** What all methods know about the element (or timer) being processed. */
    public class BaseContext extends ElementContext {
        final BroadcastStateAccess states;

        BaseContext(Scope scope, BroadcastStateAccess states) {
            super(scope);
            this.states = states;
        }

        public long currentProcessingTime() {
            return timerService().currentProcessingTime();
        }

        public long currentWatermark() {
            return timerService().currentWatermark();
        }
    }

    /**
     * The context of {@link #processBroadcastElement}: the broadcast state is writable; there is no
     * current key, so setting timers here is an error.
     */
    public class Context extends BaseContext {
        public Context(Scope scope, BroadcastStateAccess states) {
            super(scope, states);
        }

        public <KS, VS> BroadcastState<KS, VS> getBroadcastState(MapStateDescriptor<KS, VS> descriptor) {
            return states.writable(descriptor);
        }
    }

    /** The context of {@link #processElement}: read-only broadcast state, the current key and its timers. */
    public class ReadOnlyContext extends BaseContext {
        public ReadOnlyContext(Scope scope, BroadcastStateAccess states) {
            super(scope, states);
        }

        public <KS, VS> ReadOnlyBroadcastState<KS, VS> getBroadcastState(MapStateDescriptor<KS, VS> descriptor) {
            return states.readOnly(descriptor);
        }

        public K getCurrentKey() {
            return currentKey();
        }
    }

    /** The context of {@link #onTimer}. */
    public class OnTimerContext extends ReadOnlyContext {
        public OnTimerContext(Scope scope, BroadcastStateAccess states) {
            super(scope, states);
        }

        @Override
        public TimeDomain timeDomain() {
            return super.timeDomain();
        }
    }
}
