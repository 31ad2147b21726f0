package io.eddy.runtime.state;

import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.state.ReducingState;
import io.eddy.api.state.ReducingStateDescriptor;
import io.eddy.api.types.serializers.TypeSerializer;

import java.util.Collection;
import java.util.Objects;

/** {@link ReducingState} on the heap: stores the reduced value. */
final class HeapReducingState<K, N, T> extends AbstractHeapSingleValueState<K, N, T>
        implements ReducingState<T>, InternalMergingState<K, N, T, T> {
    private final ReduceFunction<T> reduceFunction;

    HeapReducingState(HeapKeyedStateBackend<K> backend, ReducingStateDescriptor<T> descriptor,
            TypeSerializer<N> namespaceSerializer) {
        super(backend, descriptor, namespaceSerializer);
        this.reduceFunction = descriptor.getReduceFunction();
    }

    @Override
    public T get() {
        return readValue();
    }

    @Override
    public void add(T value) throws Exception {
        Objects.requireNonNull(value, "Reducing state does not accept null values");
        T current = liveValue();
        writeValue(current == null ? value : reduceFunction.reduce(current, value));
    }

    @Override
    public void mergeNamespaces(N target, Collection<N> sources) throws Exception {
        mergeValues(target, sources, reduceFunction);
    }
}
