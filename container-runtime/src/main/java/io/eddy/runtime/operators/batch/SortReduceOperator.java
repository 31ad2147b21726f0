package io.eddy.runtime.operators.batch;

import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.operators.KeyGroupedIterator;
import io.eddy.runtime.operators.sort.ExternalSorter;

/**
 * The final step of a grouped reduce: sorts its (already combined, hash-partitioned) input by key in
 * an {@link ExternalSorter}, which reduces each key group again before a buffer spills, and when the
 * input ends emits one record per key, reduced from the key's sorted run.
 */
public final class SortReduceOperator<T> extends ManagedMemoryOperator<T> implements OneInputOperator<T> {
    private static final long serialVersionUID = 1L;

    private final ReduceFunction<T> function;
    private final TypeInfo<T> type;
    private final KeyFields keys;
    private transient ExternalSorter<T> sorter;
    private transient TypeComparator<T> comparator;
    private transient TypeSerializer<T> serializer;

    public SortReduceOperator(ReduceFunction<T> function, TypeInfo<T> type, KeyFields keys, double memoryShare) {
        super(memoryShare);
        this.function = function;
        this.type = type;
        this.keys = keys;
    }

    @Override
    public void open() throws Exception {
        super.open();
        serializer = type.createSerializer(context.getExecutionConfig().getSerializerConfig());
        comparator = comparator(type, keys, null);
        sorter = new ExternalSorter<>(serializer, comparator, freePages(), resources.getIOManager(), resources,
                (group, out) -> out.collect(KeyGroupedIterator.reduce(group, function, serializer)), ExternalSorter.DEFAULT_MAX_KEY_BYTES,
                ExternalSorter.DEFAULT_MAX_FAN_IN);
    }

    @Override
    public void processElement(T value, long timestamp) throws Exception {
        sorter.add(value);
    }

    @Override
    protected void emitResults() throws Exception {
        KeyGroupedIterator<T> groups = new KeyGroupedIterator<>(sorter.sorted(), comparator);
        while (groups.nextKey()) {
            emit(KeyGroupedIterator.reduce(groups.values(), function, serializer));
        }
    }

    @Override
    protected Object userFunction() {
        return function;
    }

    @Override
    protected void closeStructures() {
        if (sorter != null) {
            sorter.close();
            sorter = null;
        }
    }
}
