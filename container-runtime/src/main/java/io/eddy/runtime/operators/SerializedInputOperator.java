package io.eddy.runtime.operators;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.types.serializers.TypeSerializer;

/**
 * A one-input operator that can take records as the bytes they arrive in from the network, instead of
 * deserialized: a sort that keeps records serialized copies the bytes instead of deserializing the record
 * and serializing it again. Only for the head of a chain whose input records carry no key context (the
 * head is not keyed); the records' timestamps are not passed, so only an operator that ignores them
 * takes this path.
 *
 * <p>Threading: the task thread calls every method, after {@code open()}.
 */
public interface SerializedInputOperator {
    /** Whether records written by {@code serializer} may be handed over by {@link #processSerialized}. */
    boolean takesSerialized(TypeSerializer<?> serializer);

    /** One record: the next {@code length} bytes of {@code in}, which this call reads exactly. */
    void processSerialized(DataInputView in, int length) throws Exception;
}
