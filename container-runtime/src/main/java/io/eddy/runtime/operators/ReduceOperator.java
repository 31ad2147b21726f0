package io.eddy.runtime.operators;

import io.eddy.api.functions.FieldAggregator;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.TypeSerializer;

/**
 * Running reduce on a keyed stream: keeps one value per key and emits the updated value for every
 * element (the task makes the element's key current first). The stored value is never an object the
 * task reads a later element into, and with object reuse it is never changed after it was emitted.
 *
 * <p>The built-in field aggregations ({@link FieldAggregator}: sum, min, max) without object reuse
 * change the stored value in place: the state hands out a value of its own (a copy while a
 * snapshot still reads the old one), and what this operator emits reaches the next operators as
 * copies or bytes, so nobody sees it change. Such an operator stores a copy of a key's first element
 * and keeps no element ({@link TransientInputOperator}): a record allocates neither a new result nor,
 * where the task reads its input into one object, a new element.
 */
public final class ReduceOperator<T> extends UdfOperator<T, ReduceFunction<T>>
        implements OneInputOperator<T>, TransientInputOperator {
    private static final long serialVersionUID = 1L;

    private final TypeInfo<T> valueType;

    private transient ValueState<T> current;
    /** The function as called: {@link #function}, or its form that updates the stored value in place. */
    private transient ReduceFunction<T> reducer;
    /** Copies a key's first element, when {@link #reducer} updates in place; otherwise null. */
    private transient TypeSerializer<T> firstElementCopier;

    public ReduceOperator(ReduceFunction<T> function, TypeInfo<T> valueType) {
        super(function);
        this.valueType = valueType;
    }

    @Override
    public void open() throws Exception {
        current = context.getState(new ValueStateDescriptor<>("reduce", valueType));
        reducer = function;
        firstElementCopier = null;
        if (function instanceof FieldAggregator<T> aggregator && !context.getExecutionConfig().isObjectReuseEnabled()) {
            FieldAggregator<T> updating = aggregator.updatingAggregate();
            if (!updating.keepsInput()) {
                reducer = updating;
                firstElementCopier = valueType.createSerializer(context.getExecutionConfig().getSerializerConfig());
            }
        }
        super.open();
    }

    @Override
    public boolean keepsNoInput() {
        return firstElementCopier != null;
    }

    @Override
    public void processElement(T value, long timestamp) throws Exception {
        T previous = current.value();
        T result;
        if (previous != null) {
            result = reducer.reduce(previous, value);
        } else {
            result = firstElementCopier == null ? value : firstElementCopier.copy(value);
        }
        current.update(result);
        output.collect(result, timestamp);
    }
}
