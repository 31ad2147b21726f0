package io.eddy.runtime.operators;

import io.eddy.api.functions.process.BroadcastProcessFunction;
import io.eddy.api.operators.TwoInputOperator;
import io.eddy.api.state.MapStateDescriptor;

import java.util.List;

/**
 * Runs a {@link BroadcastProcessFunction}: input 1 is the (non-keyed) main stream, input 2 the
 * broadcast stream, which alone may write the broadcast states.
 */
public final class BroadcastProcessOperator<IN1, IN2, OUT>
        extends UdfOperator<OUT, BroadcastProcessFunction<IN1, IN2, OUT>> implements TwoInputOperator<IN1, IN2> {
    private static final long serialVersionUID = 1L;

    private final List<MapStateDescriptor<?, ?>> broadcastStateDescriptors;

    private transient TimestampedCollector<OUT> collector;
    private transient CurrentElement current;
    private transient BroadcastProcessFunction<IN1, IN2, OUT>.ReadOnlyContext readOnlyCtx;
    private transient BroadcastProcessFunction<IN1, IN2, OUT>.Context broadcastCtx;

    public BroadcastProcessOperator(BroadcastProcessFunction<IN1, IN2, OUT> function,
            List<MapStateDescriptor<?, ?>> broadcastStateDescriptors) {
        super(function);
        this.broadcastStateDescriptors = List.copyOf(broadcastStateDescriptors);
    }

    @Override
    public void open() throws Exception {
        BroadcastStates states = new BroadcastStates(context.getOperatorStateStore(), broadcastStateDescriptors);
        collector = new TimestampedCollector<>(output);
        current = new CurrentElement(output, collector, new NonKeyedTimerService(context), null);
        readOnlyCtx = function.new ReadOnlyContext(current, states);
        broadcastCtx = function.new Context(current, states);
        super.open();
    }

    @Override
    public void processElement1(IN1 value, long timestamp) throws Exception {
        current.element(timestamp);
        function.processElement(value, readOnlyCtx, collector);
    }

    @Override
    public void processElement2(IN2 value, long timestamp) throws Exception {
        current.element(timestamp);
        function.processBroadcastElement(value, broadcastCtx, collector);
    }
}
