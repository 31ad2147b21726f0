package io.eddy.runtime.tasks;

import io.eddy.api.operators.StreamOperator;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.metrics.Counter;

/**
 * Hands the next operator a copy of each record, so neither side can see the other modify it.
 * Used for mutable types unless object reuse is enabled. A template, as {@link ChainingOutput}.
 */
final class CopyingChainingOutput<T> extends ChainingOutput<T> {
    private final TypeSerializer<T> serializer;

    CopyingChainingOutput(StreamOperator<?> next, Counter records, TypeSerializer<T> serializer) {
        super(next, records);
        this.serializer = serializer;
    }

    @Override
    public void collect(T record, long timestamp) {
        records.inc();
        try {
            next.processElement(serializer.copy(record), timestamp);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new OperatorFailure(e);
        }
    }
}
