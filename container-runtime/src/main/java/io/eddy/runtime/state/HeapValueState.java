package io.eddy.runtime.state;

import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.serializers.TypeSerializer;

/** {@link ValueState} on the heap. */
final class HeapValueState<K, N, T> extends AbstractHeapSingleValueState<K, N, T> implements ValueState<T> {
    HeapValueState(HeapKeyedStateBackend<K> backend, ValueStateDescriptor<T> descriptor,
            TypeSerializer<N> namespaceSerializer) {
        super(backend, descriptor, namespaceSerializer);
    }

    @Override
    public T value() {
        return readValue();
    }

    @Override
    public void update(T value) {
        if (value == null) {
            clear();
        } else {
            writeValue(value);
        }
    }
}
