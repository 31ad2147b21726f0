package io.eddy.runtime.operators.sortedinput;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.types.serializers.TypeSerializer;

import java.io.IOException;

/**
 * Writes a {@link KeyedRecord} as: key length (int), key bytes, timestamp (long), input (byte), then
 * the record with its input's serializer. The order matches {@link KeyedRecordComparator}, which
 * compares serialized records by reading only their front.
 *
 * <p>A record read is always a new object, never read into an earlier one: the keyed operator it is
 * handed to may keep it (a window's list state does).
 */
final class KeyedRecordSerializer extends TypeSerializer<KeyedRecord> {
    private static final long serialVersionUID = 1L;

    /** The record serializer of each operator input; null for an input that is not sorted. */
    private final TypeSerializer<Object>[] values;

    KeyedRecordSerializer(TypeSerializer<Object>[] values) {
        this.values = values;
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeSerializer<KeyedRecord> duplicate() {
        TypeSerializer<Object>[] copies = new TypeSerializer[values.length];
        for (int i = 0; i < values.length; i++) {
            copies[i] = values[i] == null ? null : values[i].duplicate();
        }
        return new KeyedRecordSerializer(copies);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public KeyedRecord createInstance() {
        return new KeyedRecord();
    }

    @Override
    public KeyedRecord copy(KeyedRecord from) {
        KeyedRecord copy = new KeyedRecord();
        copy.copyKey(from.key, from.keyLength);
        copy.timestamp = from.timestamp;
        copy.input = from.input;
        copy.value = values[from.input].copy(from.value);
        return copy;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(KeyedRecord record, DataOutputView target) throws IOException {
        target.writeInt(record.keyLength);
        target.write(record.key, 0, record.keyLength);
        target.writeLong(record.timestamp);
        target.writeByte(record.input);
        values[record.input].serialize(record.value, target);
    }

    @Override
    public KeyedRecord deserialize(DataInputView source) throws IOException {
        return deserialize(new KeyedRecord(), source);
    }

    @Override
    public KeyedRecord deserialize(KeyedRecord reuse, DataInputView source) throws IOException {
        int length = source.readInt();
        if (reuse.key.length < length) {
            reuse.key = new byte[Math.max(length, 2 * reuse.key.length)];
        }
        source.readFully(reuse.key, 0, length);
        reuse.keyLength = length;
        reuse.timestamp = source.readLong();
        reuse.input = source.readByte();
        reuse.value = values[reuse.input].deserialize(source);
        return reuse;
    }
}
