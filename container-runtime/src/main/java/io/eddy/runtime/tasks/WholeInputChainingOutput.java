package io.eddy.runtime.tasks;

import io.eddy.api.operators.StreamOperator;
import io.eddy.runtime.metrics.Counter;
import io.eddy.runtime.operators.RecordIterator;
import io.eddy.runtime.operators.WholeInputOperator;
import io.eddy.runtime.operators.WholeInputOutput;

/**
 * Calls the next operator of the chain, a {@link WholeInputOperator} that is the sole consumer, either
 * record by record or with the producer's whole output as one iterator ({@link #emitAll}). Records in
 * the iterator are counted as they are read. No copy: the consumer buffers records it is handed one by
 * one in serialized form, and those of the iterator are the iterator's own.
 */
final class WholeInputChainingOutput<T> extends ChainingOutput<T> implements WholeInputOutput<T> {
    private final WholeInputOperator<T> consumer;

    @SuppressWarnings("unchecked")
    WholeInputChainingOutput(StreamOperator<?> next, Counter records) {
        super(next, records);
        this.consumer = (WholeInputOperator<T>) next;
    }

    @Override
    public void emitAll(RecordIterator<T> input) throws Exception {
        consumer.processWholeInput(reuse -> {
            T record = input.next(reuse);
            if (record != null) {
                records.inc();
            }
            return record;
        });
    }
}
