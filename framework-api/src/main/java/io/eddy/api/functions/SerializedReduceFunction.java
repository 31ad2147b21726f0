package io.eddy.api.functions;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.types.serializers.TypeSerializer;

/**
 * A reduce function that can also reduce a value into the <em>serialized</em> running result, for
 * operators that keep their results serialized (a hash aggregation in managed memory): then a record
 * costs no deserialization, no new objects and no serialization, only the bytes it changes.
 */
public interface SerializedReduceFunction<T> extends ReduceFunction<T> {
    /**
     * Reduces {@code next} into the running result that {@code serializer} wrote to {@code segment} at
     * {@code [offset, offset + length)}, in place and to the bytes {@code reduce(result, next)} would
     * serialize to, and returns true; or returns false without changing anything when it cannot for these
     * values, and the caller reduces deserialized values with {@link #reduce}. The length never changes.
     */
    boolean reduceSerialized(MemorySegment segment, int offset, int length, T next, TypeSerializer<T> serializer);
}
