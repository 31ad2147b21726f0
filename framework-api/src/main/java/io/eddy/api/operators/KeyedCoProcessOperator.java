package io.eddy.api.operators;

import io.eddy.api.functions.KeyedCoProcessFunction;
import io.eddy.api.functions.TimeDomain;
import io.eddy.api.state.VoidNamespace;

/**
 * Runs a {@link KeyedCoProcessFunction}: the task makes the key of the element at hand (from either
 * input, each with its own key selector) current for keyed state and timers.
 */
public final class KeyedCoProcessOperator<K, IN1, IN2, OUT>
        extends UdfOperator<OUT, KeyedCoProcessFunction<K, IN1, IN2, OUT>>
        implements TwoInputOperator<IN1, IN2>, Triggerable<K, VoidNamespace> {
    private static final long serialVersionUID = 1L;

    private transient TimestampedCollector<OUT> collector;
    private transient CurrentElement current;
    private transient KeyedCoProcessFunction<K, IN1, IN2, OUT>.OnTimerContext ctx;

    public KeyedCoProcessOperator(KeyedCoProcessFunction<K, IN1, IN2, OUT> function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        collector = new TimestampedCollector<>(output);
        current = new CurrentElement(output, collector, new KeyedTimerService(context, this),
                context.getKeyedStateBackend());
        ctx = function.new OnTimerContext(current);
        super.open();
    }

    @Override
    public void processElement1(IN1 value, long timestamp) throws Exception {
        current.element(timestamp);
        function.processElement1(value, ctx, collector);
    }

    @Override
    public void processElement2(IN2 value, long timestamp) throws Exception {
        current.element(timestamp);
        function.processElement2(value, ctx, collector);
    }

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        current.timer(timer, TimeDomain.EVENT_TIME);
        function.onTimer(timer.getTimestamp(), ctx, collector);
    }

    @Override
    public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        current.timer(timer, TimeDomain.PROCESSING_TIME);
        function.onTimer(timer.getTimestamp(), ctx, collector);
    }
}
