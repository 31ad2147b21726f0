package io.eddy.runtime.operators;

import io.eddy.api.functions.process.KeyedBroadcastProcessFunction;
import io.eddy.api.operators.TwoInputOperator;
import io.eddy.api.state.MapStateDescriptor;

import java.util.List;

/**
 * Runs a {@link KeyedBroadcastProcessFunction}: input 1 is the keyed main stream, whose elements
 * make their key current for keyed state and timers; input 2 the broadcast stream, which alone may
 * write the broadcast states.
 */
public final class KeyedBroadcastProcessOperator<K, IN1, IN2, OUT>
        extends KeyedTimerOperator<K, OUT, KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>>
        implements TwoInputOperator<IN1, IN2> {
    private static final long serialVersionUID = 1L;

    private final List<MapStateDescriptor<?, ?>> broadcastStateDescriptors;

    private transient CurrentElement broadcast;
    private transient KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>.OnTimerContext readOnlyCtx;
    private transient KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>.Context broadcastCtx;

    public KeyedBroadcastProcessOperator(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function,
            List<MapStateDescriptor<?, ?>> broadcastStateDescriptors) {
        super(function);
        this.broadcastStateDescriptors = List.copyOf(broadcastStateDescriptors);
    }

    @Override
    protected void createContexts() {
        BroadcastStates states = new BroadcastStates(context.getOperatorStateStore(), broadcastStateDescriptors);
        // broadcast elements belong to no key: no keyed timers there
        broadcast = new CurrentElement(output, collector, new NonKeyedTimerService(context), null);
        readOnlyCtx = function.new OnTimerContext(keyed, states);
        broadcastCtx = function.new Context(broadcast, states);
    }

    @Override
    public void processElement1(IN1 value, long timestamp) throws Exception {
        keyed.element(timestamp);
        function.processElement(value, readOnlyCtx, collector);
    }

    @Override
    public void processElement2(IN2 value, long timestamp) throws Exception {
        broadcast.element(timestamp);
        function.processBroadcastElement(value, broadcastCtx, collector);
    }

    @Override
    protected void onTimer(long timestamp) throws Exception {
        function.onTimer(timestamp, readOnlyCtx, collector);
    }
}
