package io.eddy.api.operators;

import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.ProcessFunction;
import io.eddy.api.functions.TimerService;

/** Runs a {@link ProcessFunction} on a stream that is not keyed: no timers, but side outputs and time queries. */
public final class ProcessOperator<I, O> extends UdfOperator<O, ProcessFunction<I, O>> implements OneInputOperator<I> {
    private static final long serialVersionUID = 1L;

    private transient TimestampedCollector<O> collector;
    private transient TimerService timerService;
    private transient ContextImpl ctx;

    public ProcessOperator(ProcessFunction<I, O> function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        collector = new TimestampedCollector<>(output);
        timerService = new NonKeyedTimerService(context);
        ctx = new ContextImpl();
        super.open();
    }

    @Override
    public void processElement(I value, long timestamp) throws Exception {
        collector.setTimestamp(timestamp);
        ctx.timestamp = timestamp;
        function.processElement(value, ctx, collector);
    }

    private final class ContextImpl extends ProcessFunction<I, O>.Context {
        long timestamp;

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
    }
}
