package io.eddy.runtime.operators;

import io.eddy.api.functions.process.CoProcessFunction;
import io.eddy.api.operators.TwoInputOperator;

/** Runs a {@link CoProcessFunction} on two connected inputs that are not keyed: side outputs and time queries. */
public final class CoProcessOperator<IN1, IN2, OUT> extends UdfOperator<OUT, CoProcessFunction<IN1, IN2, OUT>>
        implements TwoInputOperator<IN1, IN2> {
    private static final long serialVersionUID = 1L;

    private transient TimestampedCollector<OUT> collector;
    private transient CurrentElement current;
    private transient CoProcessFunction<IN1, IN2, OUT>.Context ctx;

    public CoProcessOperator(CoProcessFunction<IN1, IN2, OUT> function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        collector = new TimestampedCollector<>(output);
        current = new CurrentElement(output, collector, new NonKeyedTimerService(context), null);
        ctx = function.new Context(current);
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
}
