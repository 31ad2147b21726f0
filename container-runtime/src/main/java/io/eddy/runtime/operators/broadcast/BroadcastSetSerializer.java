package io.eddy.runtime.operators.broadcast;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.types.serializers.TypeSerializer;

import java.io.IOException;

/**
 * Decodes the channels of broadcast set number {@code set} of an operator: the records, written by
 * their producer with the set's own serializer, arrive as {@link BroadcastElement}s of that set, so
 * the operator tells them from its other input records without any tag on the wire.
 */
public final class BroadcastSetSerializer extends TypeSerializer<Object> {
    private static final long serialVersionUID = 1L;

    private final int set;
    private final TypeSerializer<Object> records;
    private transient BroadcastElement holder;

    public BroadcastSetSerializer(int set, TypeSerializer<Object> records) {
        this.set = set;
        this.records = records;
    }

    @Override
    public TypeSerializer<Object> duplicate() {
        return new BroadcastSetSerializer(set, records.duplicate());
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Object createInstance() {
        return new BroadcastElement(set, records.createInstance());
    }

    @Override
    public Object copy(Object from) {
        return new BroadcastElement(set, records.copy(((BroadcastElement) from).value()));
    }

    @Override
    public int getLength() {
        return records.getLength();
    }

    @Override
    public void serialize(Object record, DataOutputView target) throws IOException {
        records.serialize(((BroadcastElement) record).value(), target);
    }

    @Override
    public Object deserialize(DataInputView source) throws IOException {
        if (holder == null) {
            holder = new BroadcastElement(set, null);
        }
        holder.setValue(records.deserialize(source));
        return holder;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BroadcastSetSerializer other && other.set == set && other.records.equals(records);
    }

    @Override
    public int hashCode() {
        return 31 * set + records.hashCode();
    }
}
