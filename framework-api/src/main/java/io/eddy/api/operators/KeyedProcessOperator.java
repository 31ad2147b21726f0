package io.eddy.api.operators;

import io.eddy.api.functions.KeyedProcessFunction;
import io.eddy.api.functions.TimeDomain;
import io.eddy.api.state.VoidNamespace;

/**
 * Runs a {@link KeyedProcessFunction}: keyed state, per-key timers and side outputs. The task makes
 * each element's key current before calling it.
 */
public final class KeyedProcessOperator<K, I, O> extends UdfOperator<O, KeyedProcessFunction<K, I, O>>
        implements OneInputOperator<I>, Triggerable<K, VoidNamespace> {
    private static final long serialVersionUID = 1L;

    private transient TimestampedCollector<O> collector;
    private transient CurrentElement current;
    private transient KeyedProcessFunction<K, I, O>.OnTimerContext ctx;

    public KeyedProcessOperator(KeyedProcessFunction<K, I, O> function) {
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
    public void processElement(I value, long timestamp) throws Exception {
        current.element(timestamp);
        function.processElement(value, ctx, collector);
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
