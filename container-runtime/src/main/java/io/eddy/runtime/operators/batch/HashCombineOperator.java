package io.eddy.runtime.operators.batch;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.types.TypeInfo;
import io.eddy.runtime.operators.hash.HashAggregationTable;

/**
 * The combiner before a grouped reduce's shuffle: reduces records with equal keys in a
 * {@link HashAggregationTable}; when the table is full its partial results go downstream and it starts
 * empty, and the rest leave when the input ends. The final reduce after the shuffle completes them.
 */
public final class HashCombineOperator<T> extends ManagedMemoryOperator<T> implements OneInputOperator<T> {
    private static final long serialVersionUID = 1L;

    private final ReduceFunction<T> function;
    private final TypeInfo<T> type;
    private final KeyFields keys;
    private transient HashAggregationTable<T> table;
    private transient Collector<T> emitter;

    public HashCombineOperator(ReduceFunction<T> function, TypeInfo<T> type, KeyFields keys, double memoryShare) {
        super(memoryShare);
        this.function = function;
        this.type = type;
        this.keys = keys;
    }

    @Override
    public void open() throws Exception {
        super.open();
        table = new HashAggregationTable<>(type.createSerializer(context.getExecutionConfig().getSerializerConfig()),
                comparator(type, keys, null), function, freePages());
        emitter = this::emit;
    }

    @Override
    public void processElement(T value, long timestamp) throws Exception {
        if (!table.reduce(value)) {
            table.emitAndReset(emitter);
            if (!table.reduce(value)) {
                throw new IllegalStateException("A record of " + type + " does not fit into the combiner's empty hash table of "
                        + freePages().capacity() + " pages: raise taskmanager.memory.managed.size");
            }
        }
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
