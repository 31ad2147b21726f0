package io.eddy.api.operators;

import io.eddy.api.functions.KeyedProcessFunction;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.TimeDomain;
import io.eddy.api.functions.TimerService;
import io.eddy.api.state.KeyedStateBackend;
import io.eddy.api.state.VoidNamespace;

/**
 * Runs a {@link KeyedProcessFunction}: keyed state, per-key timers and side outputs. The task makes
 * each element's key current before calling it.
 */
public final class KeyedProcessOperator<K, I, O> extends UdfOperator<O, KeyedProcessFunction<K, I, O>>
        implements OneInputOperator<I>, Triggerable<K, VoidNamespace> {
    private static final long serialVersionUID = 1L;

    private transient KeyedStateBackend<K> backend;
    private transient TimerService timerService;
    private transient TimestampedCollector<O> collector;
    private transient ContextImpl ctx;

    public KeyedProcessOperator(KeyedProcessFunction<K, I, O> function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        backend = context.getKeyedStateBackend();
        timerService = new KeyedTimerService(context, this);
        collector = new TimestampedCollector<>(output);
        ctx = new ContextImpl();
        super.open();
    }

    @Override
    public void processElement(I value, long timestamp) throws Exception {
        collector.setTimestamp(timestamp);
        ctx.timestamp = timestamp;
        ctx.domain = null;
        function.processElement(value, ctx, collector);
    }

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        fire(timer, TimeDomain.EVENT_TIME, timer.getTimestamp());
    }

    @Override
    public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        fire(timer, TimeDomain.PROCESSING_TIME, Output.NO_TIMESTAMP);
    }

    private void fire(InternalTimer<K, VoidNamespace> timer, TimeDomain domain, long outputTimestamp) throws Exception {
        collector.setTimestamp(outputTimestamp);
        ctx.timestamp = outputTimestamp;
        ctx.domain = domain;
        function.onTimer(timer.getTimestamp(), ctx, collector);
    }

    private final class ContextImpl extends KeyedProcessFunction<K, I, O>.OnTimerContext {
        long timestamp;
        TimeDomain domain;

        ContextImpl() {
            function.super();
        }

        @Override
        public Long timestamp() {
            return timestamp == Output.NO_TIMESTAMP ? null : timestamp;
        }

        @Override
        public TimerService timerService() {
            return timerService;
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            output.collect(tag, value, timestamp);
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
    }
}
