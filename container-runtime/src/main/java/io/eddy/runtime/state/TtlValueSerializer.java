package io.eddy.runtime.state;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.types.serializers.TypeSerializer;

import java.io.IOException;

/** {@link TtlValue}s as the last access time and the value, so that snapshots keep when values expire. */
final class TtlValueSerializer<T> extends TypeSerializer<TtlValue<T>> {
    private static final long serialVersionUID = 1L;

    private final TypeSerializer<T> values;

    TtlValueSerializer(TypeSerializer<T> values) {
        this.values = values;
    }

    @Override
    public TypeSerializer<TtlValue<T>> duplicate() {
        TypeSerializer<T> d = values.duplicate();
        return d == values ? this : new TtlValueSerializer<>(d);
    }

    @Override
    public boolean isImmutableType() {
        return false; // reads refresh the access time in place
    }

    @Override
    public TtlValue<T> createInstance() {
        return null;
    }

    @Override
    public TtlValue<T> copy(TtlValue<T> from) {
        return new TtlValue<>(values.copy(from.value()), from.lastAccess);
    }

    @Override
    public int getLength() {
        int length = values.getLength();
        return length < 0 ? -1 : 8 + length;
    }

    @Override
    public void serialize(TtlValue<T> record, DataOutputView target) throws IOException {
        target.writeLong(record.lastAccess);
        values.serialize(record.value(), target);
    }

    @Override
    public TtlValue<T> deserialize(DataInputView source) throws IOException {
        long lastAccess = source.readLong();
        return new TtlValue<>(values.deserialize(source), lastAccess);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TtlValueSerializer<?> t && t.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + 7;
    }
}
