package io.eddy.runtime.operators;

import io.eddy.api.functions.process.ProcessFunction;
import io.eddy.api.operators.OneInputOperator;

/** Runs a {@link ProcessFunction} on a stream that is not keyed: no timers, but side outputs and time queries. */
public final class ProcessOperator<I, O> extends UdfOperator<O, ProcessFunction<I, O>> implements OneInputOperator<I> {
    private static final long serialVersionUID = 1L;

    private transient TimestampedCollector<O> collector;
    private transient CurrentElement current;
    private transient ProcessFunction<I, O>.Context ctx;

    public ProcessOperator(ProcessFunction<I, O> function) {
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
    public void processElement(I value, long timestamp) throws Exception {
        current.element(timestamp);
        function.processElement(value, ctx, collector);
    }
}
