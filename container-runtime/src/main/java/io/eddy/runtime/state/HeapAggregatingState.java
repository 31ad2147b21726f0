package io.eddy.runtime.state;

import io.eddy.api.functions.AggregateFunction;
import io.eddy.api.state.AggregatingState;
import io.eddy.api.state.AggregatingStateDescriptor;
import io.eddy.api.types.serializers.TypeSerializer;

import java.util.Collection;

/** {@link AggregatingState} on the heap: stores the accumulator. */
final class HeapAggregatingState<K, N, IN, ACC, OUT> extends AbstractHeapSingleValueState<K, N, ACC>
        implements AggregatingState<IN, OUT>, InternalMergingState<K, N, IN, OUT> {
    private final AggregateFunction<IN, ACC, OUT> aggregateFunction;

    HeapAggregatingState(HeapKeyedStateBackend<K> backend, AggregatingStateDescriptor<IN, ACC, OUT> descriptor,
            TypeSerializer<N> namespaceSerializer) {
        super(backend, descriptor, namespaceSerializer);
        this.aggregateFunction = descriptor.getAggregateFunction();
    }

    @Override
    public OUT get() {
        ACC accumulator = readValue();
        return accumulator == null ? null : aggregateFunction.getResult(accumulator);
    }

    @Override
    public void add(IN value) {
        ACC accumulator = liveValue();
        writeValue(aggregateFunction.add(value,
                accumulator == null ? aggregateFunction.createAccumulator() : accumulator));
    }

    @Override
    public void mergeNamespaces(N target, Collection<N> sources) throws Exception {
        mergeValues(target, sources, aggregateFunction::merge);
    }
}
