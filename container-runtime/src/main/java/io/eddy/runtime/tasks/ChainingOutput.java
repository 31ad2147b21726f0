package io.eddy.runtime.tasks;

import io.eddy.api.functions.OutputTag;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.runtime.metrics.Counter;

/**
 * Calls the next operator of the chain directly, handing it the record object itself. A template:
 * the chain uses a copy of this class per operator class it calls ({@link ChainingOutputs}).
 */
class ChainingOutput<T> implements Output<T> {
    protected final OneInputOperator<T> next;
    private final StreamOperator<?> nextOperator;
    protected final Counter records;

    @SuppressWarnings("unchecked")
    ChainingOutput(StreamOperator<?> next, Counter records) {
        this.next = (OneInputOperator<T>) next;
        this.nextOperator = next;
        this.records = records;
    }

    @Override
    public void collect(T record, long timestamp) {
        records.inc();
        try {
            next.processElement(record, timestamp);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new OperatorFailure(e);
        }
    }

    @Override
    public <X> void collect(OutputTag<X> tag, X record, long timestamp) {
        // nothing consumes side outputs through this output; SideOutputRouter handles consumed ones
    }

    @Override
    public void emitWatermarkStatus(boolean idle) {
        try {
            nextOperator.processWatermarkStatus(idle);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new OperatorFailure(e);
        }
    }

    @Override
    public void emitWatermark(long watermark) {
        try {
            nextOperator.processWatermark(watermark);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new OperatorFailure(e);
        }
    }
}
