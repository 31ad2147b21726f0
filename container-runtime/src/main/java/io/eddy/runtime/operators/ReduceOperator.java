package io.eddy.runtime.operators;

import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.TypeInfo;

/**
 * Running reduce on a keyed stream: keeps one value per key and emits the updated value for every
 * element (the task makes the element's key current first). The stored value is never handed to
 * the next element's input deserialization, so it is safe with object reuse.
 */
public final class ReduceOperator<T> extends UdfOperator<T, ReduceFunction<T>> implements OneInputOperator<T> {
    private static final long serialVersionUID = 1L;

    private final TypeInfo<T> valueType;

    private transient ValueState<T> current;

    public ReduceOperator(ReduceFunction<T> function, TypeInfo<T> valueType) {
        super(function);
        this.valueType = valueType;
    }

    @Override
    public void open() throws Exception {
        current = context.getState(new ValueStateDescriptor<>("reduce", valueType));
        super.open();
    }

    @Override
    public void processElement(T value, long timestamp) throws Exception {
        T previous = current.value();
        T result = previous == null ? value : function.reduce(previous, value);
        current.update(result);
        output.collect(result, timestamp);
    }
}
