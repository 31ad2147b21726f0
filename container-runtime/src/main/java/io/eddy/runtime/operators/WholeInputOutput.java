package io.eddy.runtime.operators;

import io.eddy.api.operators.Output;

/**
 * The output of an operator whose only consumer is a chained {@link WholeInputOperator}: instead of
 * emitting its records one by one, an operator that has all of them at the end of its input (a sorter's
 * sorted output) may hand them to the consumer as one iterator, once, and then emits nothing more. The
 * iterator must stay valid until this call returns; the consumer reads it to the end or drops it.
 */
public interface WholeInputOutput<T> extends Output<T> {
    void emitAll(RecordIterator<T> records) throws Exception;
}
