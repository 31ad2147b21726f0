package io.eddy.api.functions.process;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.ElementContext;
import io.eddy.api.functions.rich.AbstractRichFunction;
import io.eddy.api.state.BroadcastState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.ReadOnlyBroadcastState;

/**
 * Processes a stream connected with a broadcast stream. Every subtask sees every broadcast element
 * and keeps the same broadcast state only if {@link #processBroadcastElement} updates it
 * deterministically from the element alone; {@link #processElement} may only read it. The two
 * inputs interleave in no guaranteed order.
 */
public abstract class BroadcastProcessFunction<IN1, IN2, OUT> extends AbstractRichFunction {
    private static final long serialVersionUID = 1L;

    public abstract void processElement(IN1 value, ReadOnlyContext ctx, Collector<OUT> out) throws Exception;

    public abstract void processBroadcastElement(IN2 value, Context ctx, Collector<OUT> out) throws Exception;

    /** What both methods know about the element being processed; setting timers needs a keyed stream. */
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

    /** The context of {@link #processBroadcastElement}: the broadcast state is writable. */
    public class Context extends BaseContext {
        public Context(Scope scope, BroadcastStateAccess states) {
            super(scope, states);
        }

        public <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor) {
            return states.writable(descriptor);
        }
    }

    /** The context of {@link #processElement}: the broadcast state is read-only. */
    public class ReadOnlyContext extends BaseContext {
        public ReadOnlyContext(Scope scope, BroadcastStateAccess states) {
            super(scope, states);
        }

        public <K, V> ReadOnlyBroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor) {
            return states.readOnly(descriptor);
        }
    }
}
