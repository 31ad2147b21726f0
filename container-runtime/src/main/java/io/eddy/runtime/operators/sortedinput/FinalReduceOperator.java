package io.eddy.runtime.operators.sortedinput;

import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.runtime.operators.UdfOperator;

/**
 * A keyed {@code reduce} in BATCH mode, behind a {@link SortedInputOperator}: reduces the records of
 * the current key and emits the result once, at the end of the key, with the key's latest timestamp,
 * where STREAMING emits every intermediate value. It needs no keyed state: one key at a time.
 *
 * <p>Threading: the task thread calls every method.
 */
public final class FinalReduceOperator<T> extends UdfOperator<T, ReduceFunction<T>>
        implements OneInputOperator<T>, EndOfKeyListener {
    private static final long serialVersionUID = 1L;

    private transient T result;
    private transient long timestamp;

    public FinalReduceOperator(ReduceFunction<T> function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        super.open();
        timestamp = Long.MIN_VALUE;
    }

    /** The sorted input hands over records it deserialized for this call only, or combined results it owns no more. */
    @Override
    public void processElement(T value, long timestamp) throws Exception {
        result = result == null ? value : function.reduce(result, value);
        this.timestamp = Math.max(this.timestamp, timestamp);
    }

    @Override
    public void endOfKey() {
        output.collect(result, timestamp);
        result = null;
        timestamp = Long.MIN_VALUE;
    }
}
