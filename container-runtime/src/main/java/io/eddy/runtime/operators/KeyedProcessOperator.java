package io.eddy.runtime.operators;

import io.eddy.api.functions.process.KeyedProcessFunction;
import io.eddy.api.operators.OneInputOperator;

/**
 * Runs a {@link KeyedProcessFunction}: keyed state, per-key timers and side outputs. The task makes
 * each element's key current before calling it.
 */
public final class KeyedProcessOperator<K, I, O> extends KeyedTimerOperator<K, O, KeyedProcessFunction<K, I, O>>
        implements OneInputOperator<I> {
    private static final long serialVersionUID = 1L;

    private transient KeyedProcessFunction<K, I, O>.OnTimerContext ctx;

    public KeyedProcessOperator(KeyedProcessFunction<K, I, O> function) {
        super(function);
    }

    @Override
    protected void createContexts() {
        ctx = function.new OnTimerContext(keyed);
    }

    @Override
    public void processElement(I value, long timestamp) throws Exception {
        keyed.element(timestamp);
        function.processElement(value, ctx, collector);
    }

    @Override
    protected void onTimer(long timestamp) throws Exception {
        function.onTimer(timestamp, ctx, collector);
    }
}
