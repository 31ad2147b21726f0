package io.eddy.runtime.operators.batch;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.operators.RecordIterator;
import io.eddy.runtime.operators.SerializedInputOperator;
import io.eddy.runtime.operators.WholeInputOutput;
import io.eddy.runtime.operators.sort.ExternalSorter;

/**
 * Sorts its partition by the order fields in an {@link ExternalSorter} and emits it in order when the
 * input ends; a chained consumer that takes its input as a whole (a {@code mapPartition}) reads the
 * sorted records straight from the sorter ({@link WholeInputOutput}). As the head of its task, it takes
 * records from the exchange as their bytes where the sorter keeps them serialized ({@link SerializedInputOperator}).
 */
public final class SortPartitionOperator<T> extends ManagedMemoryOperator<T>
        implements OneInputOperator<T>, SerializedInputOperator {
    private static final long serialVersionUID = 1L;

    private final TypeInfo<T> type;
    private final KeyFields order;
    private final boolean[] ascending;
    private transient TypeSerializer<T> serializer;
    private transient ExternalSorter<T> sorter;

    public SortPartitionOperator(TypeInfo<T> type, KeyFields order, boolean[] ascending, double memoryShare) {
        super(memoryShare);
        this.type = type;
        this.order = order;
        this.ascending = ascending;
    }

    @Override
    public void open() throws Exception {
        super.open();
        serializer = type.createSerializer(context.getExecutionConfig().getSerializerConfig());
        sorter = new ExternalSorter<>(serializer, comparator(type, order, ascending), freePages(),
                resources.getIOManager(), resources);
    }

    @Override
    public void processElement(T value, long timestamp) throws Exception {
        sorter.add(value);
    }

    /** Records from the exchange are copied into the sort buffer as they are, when it keeps them serialized. */
    @Override
    public boolean takesSerialized(TypeSerializer<?> inputSerializer) {
        return sorter.takesSerializedRecords() && serializer.equals(inputSerializer);
    }

    @Override
    public void processSerialized(DataInputView in, int length) throws Exception {
        sorter.addSerialized(in, length);
    }

    @Override
    protected void emitResults() throws Exception {
        RecordIterator<T> sorted = sorter.sorted();
        if (output instanceof WholeInputOutput<T> consumer) {
            consumer.emitAll(sorted);
            return;
        }
        T reuse = null;
        for (T record = sorted.next(reuse); record != null; record = sorted.next(reuse)) {
            emit(record);
            reuse = record;
        }
    }

    @Override
    protected Object userFunction() {
        return null;
    }

    @Override
    protected void closeStructures() {
        if (sorter != null) {
            sorter.close();
            sorter = null;
        }
    }
}
