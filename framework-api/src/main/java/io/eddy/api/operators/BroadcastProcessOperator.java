package io.eddy.api.operators;

import io.eddy.api.functions.BroadcastProcessFunction;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.state.BroadcastState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.ReadOnlyBroadcastState;

import java.util.List;

/**
 * Runs a {@link BroadcastProcessFunction}: input 1 is the (non-keyed) main stream, input 2 the
 * broadcast stream, which alone may write the broadcast states.
 */
public final class BroadcastProcessOperator<IN1, IN2, OUT>
        extends UdfOperator<OUT, BroadcastProcessFunction<IN1, IN2, OUT>> implements TwoInputOperator<IN1, IN2> {
    private static final long serialVersionUID = 1L;

    private final List<MapStateDescriptor<?, ?>> broadcastStateDescriptors;

    private transient BroadcastStates states;
    private transient TimestampedCollector<OUT> collector;
    private transient ReadOnlyContextImpl readOnlyCtx;
    private transient ContextImpl broadcastCtx;
    private transient long timestamp;

    public BroadcastProcessOperator(BroadcastProcessFunction<IN1, IN2, OUT> function,
            List<MapStateDescriptor<?, ?>> broadcastStateDescriptors) {
        super(function);
        this.broadcastStateDescriptors = List.copyOf(broadcastStateDescriptors);
    }

    @Override
    public void open() throws Exception {
        states = new BroadcastStates(context.getOperatorStateStore(), broadcastStateDescriptors);
        collector = new TimestampedCollector<>(output);
        readOnlyCtx = new ReadOnlyContextImpl();
        broadcastCtx = new ContextImpl();
        super.open();
    }

    @Override
    public void processElement1(IN1 value, long timestamp) throws Exception {
        collector.setTimestamp(timestamp);
        this.timestamp = timestamp;
        function.processElement(value, readOnlyCtx, collector);
    }

    @Override
    public void processElement2(IN2 value, long timestamp) throws Exception {
        collector.setTimestamp(timestamp);
        this.timestamp = timestamp;
        function.processBroadcastElement(value, broadcastCtx, collector);
    }

    private final class ReadOnlyContextImpl extends BroadcastProcessFunction<IN1, IN2, OUT>.ReadOnlyContext {
        ReadOnlyContextImpl() {
            function.super();
        }

        @Override
        public <K, V> ReadOnlyBroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor) {
            return states.readOnly(descriptor);
        }

        @Override
        public Long timestamp() {
            return timestamp == Output.NO_TIMESTAMP ? null : timestamp;
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            output.collect(tag, value, timestamp);
        }

        @Override
        public long currentProcessingTime() {
            return context.getProcessingTimeService().getCurrentProcessingTime();
        }

        @Override
        public long currentWatermark() {
            return context.currentWatermark();
        }
    }

    private final class ContextImpl extends BroadcastProcessFunction<IN1, IN2, OUT>.Context {
        ContextImpl() {
            function.super();
        }

        @Override
        public <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor) {
            return states.writable(descriptor);
        }

        @Override
        public Long timestamp() {
            return readOnlyCtx.timestamp();
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            readOnlyCtx.output(tag, value);
        }

        @Override
        public long currentProcessingTime() {
            return readOnlyCtx.currentProcessingTime();
        }

        @Override
        public long currentWatermark() {
            return readOnlyCtx.currentWatermark();
        }
    }
}
