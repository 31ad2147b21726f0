package io.eddy.runtime.operators.batch;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.types.TypeInfo;
import io.eddy.runtime.operators.hash.HashAggregationTable;

/**
 * The final step of a grouped reduce whose input arrives hash-partitioned by the key and unsorted:
 * reduces every record into a {@linkplain HashAggregationTable#spilling spilling hash aggregation}, one
 * serialized aggregate per key in managed memory, partitions of keys moving to disk when the memory is
 * full; when the input ends it emits one record per key (in no particular order), aggregating the spilled
 * partitions one after the other. No sort: each record costs a probe of the table.
 */
public final class HashReduceOperator<T> extends ManagedMemoryOperator<T> implements OneInputOperator<T> {
    private static final long serialVersionUID = 1L;

    private final ReduceFunction<T> function;
    private final TypeInfo<T> type;
    private final KeyFields keys;
    private transient HashAggregationTable<T> table;
    private transient Collector<T> emitter;

    public HashReduceOperator(ReduceFunction<T> function, TypeInfo<T> type, KeyFields keys, double memoryShare) {
        super(memoryShare);
        this.function = function;
        this.type = type;
        this.keys = keys;
    }

    @Override
    public void open() throws Exception {
        super.open();
        table = HashAggregationTable.spilling(type.createSerializer(context.getExecutionConfig().getSerializerConfig()),
                comparator(type, keys, null), function, freePages(), resources.getIOManager(), resources);
        emitter = this::emit;
    }

    @Override
    public void processElement(T value, long timestamp) throws Exception {
        table.reduce(value);
    }

    @Override
    protected void emitResults() throws Exception {
        table.emitAndReset(emitter);
    }

    @Override
    protected Object userFunction() {
        return function;
    }

    @Override
    protected void closeStructures() {
        if (table != null) {
            table.close();
            table = null;
        }
    }
}
