package io.eddy.runtime.operators;

import io.eddy.api.functions.process.KeyedCoProcessFunction;
import io.eddy.api.operators.TwoInputOperator;

/**
 * Runs a {@link KeyedCoProcessFunction}: the task makes the key of the element at hand (from either
 * input, each with its own key selector) current for keyed state and timers.
 */
public final class KeyedCoProcessOperator<K, IN1, IN2, OUT>
        extends KeyedTimerOperator<K, OUT, KeyedCoProcessFunction<K, IN1, IN2, OUT>>
        implements TwoInputOperator<IN1, IN2> {
    private static final long serialVersionUID = 1L;

    private transient KeyedCoProcessFunction<K, IN1, IN2, OUT>.OnTimerContext ctx;

    public KeyedCoProcessOperator(KeyedCoProcessFunction<K, IN1, IN2, OUT> function) {
        super(function);
    }

    @Override
    protected void createContexts() {
        ctx = function.new OnTimerContext(keyed);
    }

    @Override
    public void processElement1(IN1 value, long timestamp) throws Exception {
        keyed.element(timestamp);
        function.processElement1(value, ctx, collector);
    }

    @Override
    public void processElement2(IN2 value, long timestamp) throws Exception {
        keyed.element(timestamp);
        function.processElement2(value, ctx, collector);
    }

    @Override
    protected void onTimer(long timestamp) throws Exception {
        function.onTimer(timestamp, ctx, collector);
    }
}
