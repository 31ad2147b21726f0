package io.eddy.api.operators;

import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.KeyedBroadcastProcessFunction;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.TimeDomain;
import io.eddy.api.functions.TimerService;
import io.eddy.api.state.BroadcastState;
import io.eddy.api.state.KeyedStateBackend;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.ReadOnlyBroadcastState;
import io.eddy.api.state.VoidNamespace;

import java.util.List;

/**
 * Runs a {@link KeyedBroadcastProcessFunction}: input 1 is the keyed main stream, whose elements
 * make their key current for keyed state and timers; input 2 the broadcast stream, which alone may
 * write the broadcast states.
 */
public final class KeyedBroadcastProcessOperator<K, IN1, IN2, OUT>
        extends UdfOperator<OUT, KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>>
        implements TwoInputOperator<IN1, IN2>, Triggerable<K, VoidNamespace> {
    private static final long serialVersionUID = 1L;

    private final KeySelector<IN1, K> keySelector;
    private final List<MapStateDescriptor<?, ?>> broadcastStateDescriptors;

    private transient KeyedStateBackend<K> backend;
    private transient TimerService timerService;
    private transient BroadcastStates states;
    private transient TimestampedCollector<OUT> collector;
    private transient ReadOnlyContextImpl readOnlyCtx;
    private transient ContextImpl broadcastCtx;
    private transient long timestamp;
    private transient TimeDomain domain;

    public KeyedBroadcastProcessOperator(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function,
            KeySelector<IN1, K> keySelector, List<MapStateDescriptor<?, ?>> broadcastStateDescriptors) {
        super(function);
        this.keySelector = keySelector;
        this.broadcastStateDescriptors = List.copyOf(broadcastStateDescriptors);
    }

    @Override
    public void open() throws Exception {
        backend = context.getKeyedStateBackend();
        timerService = new KeyedTimerService(context, this);
        states = new BroadcastStates(context.getOperatorStateStore(), broadcastStateDescriptors);
        collector = new TimestampedCollector<>(output);
        readOnlyCtx = new ReadOnlyContextImpl();
        broadcastCtx = new ContextImpl();
        super.open();
    }

    @Override
    public void processElement1(IN1 value, long timestamp) throws Exception {
        backend.setCurrentKey(keySelector.getKey(value));
        prepare(timestamp, null);
        function.processElement(value, readOnlyCtx, collector);
    }

    @Override
    public void processElement2(IN2 value, long timestamp) throws Exception {
        prepare(timestamp, null);
        function.processBroadcastElement(value, broadcastCtx, collector);
    }

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        prepare(timer.getTimestamp(), TimeDomain.EVENT_TIME);
        function.onTimer(timer.getTimestamp(), readOnlyCtx, collector);
    }

    @Override
    public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        prepare(Output.NO_TIMESTAMP, TimeDomain.PROCESSING_TIME);
        function.onTimer(timer.getTimestamp(), readOnlyCtx, collector);
    }

    /** Results and side outputs get {@code timestamp}; {@code domain} is null outside timers. */
    private void prepare(long timestamp, TimeDomain domain) {
        collector.setTimestamp(timestamp);
        this.timestamp = timestamp;
        this.domain = domain;
    }

    /** The context of elements and timers of the keyed side. */
    private final class ReadOnlyContextImpl extends KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>.OnTimerContext {
        ReadOnlyContextImpl() {
            function.super();
        }

        @Override
        public <KS, VS> ReadOnlyBroadcastState<KS, VS> getBroadcastState(MapStateDescriptor<KS, VS> descriptor) {
            return states.readOnly(descriptor);
        }

        @Override
        public TimerService timerService() {
            return timerService;
        }

        @Override
        public K getCurrentKey() {
            return backend.getCurrentKey();
        }

        @Override
        public TimeDomain timeDomain() {
            if (domain == null) {
                throw new IllegalStateException("timeDomain() is only defined in onTimer");
            }
            return domain;
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
            return timerService.currentProcessingTime();
        }

        @Override
        public long currentWatermark() {
            return timerService.currentWatermark();
        }
    }

    private final class ContextImpl extends KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>.Context {
        ContextImpl() {
            function.super();
        }

        @Override
        public <KS, VS> BroadcastState<KS, VS> getBroadcastState(MapStateDescriptor<KS, VS> descriptor) {
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
