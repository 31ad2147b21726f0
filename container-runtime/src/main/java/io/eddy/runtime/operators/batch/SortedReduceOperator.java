package io.eddy.runtime.operators.batch;

import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.api.types.serializers.TypeSerializer;

/**
 * A grouped reduce over an input that arrives grouped by key already (sorted by it, as the batch
 * optimizer knows from a partition sort or a sort-based reduce upstream): records of a key are
 * consecutive, so it reduces each run of equal keys as it streams by and emits the result when the key
 * changes. No sort, no hash table and no managed memory; one record (the running result) is held.
 * Runs in the task thread only.
 */
public final class SortedReduceOperator<T> extends ManagedMemoryOperator<T> implements OneInputOperator<T> {
    private static final long serialVersionUID = 1L;

    private final ReduceFunction<T> function;
    private final TypeInfo<T> type;
    private final KeyFields keys;
    private transient TypeSerializer<T> serializer;
    private transient TypeComparator<T> comparator;
    /** The reduction of the current key's records so far, an instance of this operator's own; null before the first. */
    private transient T current;

    public SortedReduceOperator(ReduceFunction<T> function, TypeInfo<T> type, KeyFields keys) {
        super(NO_MEMORY);
        this.function = function;
        this.type = type;
        this.keys = keys;
    }

    @Override
    public void open() throws Exception {
        super.open();
        serializer = type.createSerializer(context.getExecutionConfig().getSerializerConfig());
        comparator = comparator(type, keys, null);
    }

    @Override
    public void processElement(T value, long timestamp) throws Exception {
        if (current == null) {
            current = serializer.copy(value);
        } else if (comparator.equalKeys(current, value)) {
            T reduced = function.reduce(current, value);
            // the input's instance may be reused by the operator before this one: keep none of it
            current = reduced == value ? serializer.copy(value) : reduced;
        } else {
            emit(current);
            current = serializer.copy(value);
        }
    }

    @Override
    protected void emitResults() {
        if (current != null) {
            emit(current);
            current = null;
        }
    }

    @Override
    protected Object userFunction() {
        return function;
    }

    @Override
    protected void closeStructures() {
        current = null;
    }
}
