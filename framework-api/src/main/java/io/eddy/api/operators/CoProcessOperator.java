package io.eddy.api.operators;

import io.eddy.api.functions.CoProcessFunction;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.TimerService;

/** Runs a {@link CoProcessFunction} on two connected inputs that are not keyed: side outputs and time queries. */
public final class CoProcessOperator<IN1, IN2, OUT> extends UdfOperator<OUT, CoProcessFunction<IN1, IN2, OUT>>
        implements TwoInputOperator<IN1, IN2> {
    private static final long serialVersionUID = 1L;

    private transient TimestampedCollector<OUT> collector;
    private transient TimerService timerService;
    private transient ContextImpl ctx;

    public CoProcessOperator(CoProcessFunction<IN1, IN2, OUT> function) {
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
    public void processElement1(IN1 value, long timestamp) throws Exception {
        collector.setTimestamp(timestamp);
        ctx.timestamp = timestamp;
        function.processElement1(value, ctx, collector);
    }

    @Override
    public void processElement2(IN2 value, long timestamp) throws Exception {
        collector.setTimestamp(timestamp);
        ctx.timestamp = timestamp;
        function.processElement2(value, ctx, collector);
    }

    private final class ContextImpl extends CoProcessFunction<IN1, IN2, OUT>.Context {
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
