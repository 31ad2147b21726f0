package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;
import io.eddy.api.tuple.Tuple;

import java.io.IOException;
import java.util.Arrays;

/**
 * Tuples: a null bitmask byte, then each non-null field with its own serializer. Copies are deep
 * (each field copied by its serializer).
 */
public final class TupleSerializer<T extends Tuple> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final TypeSerializer<Object>[] fields;
    private final boolean stateless;
    /** Per field: the bytes it and the later fields take when all are fixed-length, otherwise -1. */
    private final int[] fixedLengthFrom;

    @SuppressWarnings("unchecked")
    public TupleSerializer(TypeSerializer<?>[] fieldSerializers) {
        if (fieldSerializers.length < 1 || fieldSerializers.length > Tuple.MAX_ARITY) {
            throw new IllegalArgumentException("Tuples have 1.." + Tuple.MAX_ARITY + " fields");
        }
        this.fields = (TypeSerializer<Object>[]) fieldSerializers.clone();
        boolean allStateless = true;
        for (TypeSerializer<?> f : fieldSerializers) {
            allStateless &= f.duplicate() == f;
        }
        this.stateless = allStateless;
        this.fixedLengthFrom = new int[fieldSerializers.length];
        int length = 0;
        for (int i = fieldSerializers.length - 1; i >= 0; i--) {
            int field = fieldSerializers[i].getLength();
            length = length < 0 || field < 0 ? -1 : length + field;
            fixedLengthFrom[i] = length;
        }
    }

    @Override
    public TypeSerializer<T> duplicate() {
        if (stateless) {
            return this;
        }
        TypeSerializer<?>[] copies = new TypeSerializer<?>[fields.length];
        for (int i = 0; i < fields.length; i++) {
            copies[i] = fields[i].duplicate();
        }
        return new TupleSerializer<>(copies);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T createInstance() {
        return (T) Tuple.newInstance(fields.length);
    }

    @Override
    public T copy(T from) {
        T copy = createInstance();
        for (int i = 0; i < fields.length; i++) {
            Object f = from.getField(i);
            copy.setField(f == null ? null : fields[i].copy(f), i);
        }
        return copy;
    }

    @Override
    public T copy(T from, T reuse) {
        for (int i = 0; i < fields.length; i++) {
            Object f = from.getField(i);
            reuse.setField(f == null ? null : fields[i].copy(f), i);
        }
        return reuse;
    }

    /** Variable: null fields take no bytes. */
    @Override
    public int getLength() {
        return -1;
    }

    /** The null mask (first byte) tells whether the field and the later ones are present. */
    @Override
    public int fixedFieldOffset(int position, MemorySegment segment, int offset, int length) {
        int suffix = fixedLengthFrom[position];
        if (suffix < 0 || (segment.get(offset) & 0xff) >>> position != 0) {
            return -1;
        }
        return offset + length - suffix;
    }

    /** The null mask and every field at its longest, when each field has a longest. */
    @Override
    public int getMaxLength() {
        int length = 1;
        for (TypeSerializer<Object> f : fields) {
            int field = f.getMaxLength();
            if (field < 0) {
                return -1;
            }
            length += field;
        }
        return length;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        int nulls = 0;
        for (int i = 0; i < fields.length; i++) {
            if (record.getField(i) == null) {
                nulls |= 1 << i;
            }
        }
        target.writeByte(nulls);
        for (int i = 0; i < fields.length; i++) {
            Object f = record.getField(i);
            if (f != null) {
                fields[i].serialize(f, target);
            }
        }
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return deserialize(createInstance(), source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        int nulls = source.readByte();
        for (int i = 0; i < fields.length; i++) {
            reuse.setField((nulls & (1 << i)) != 0 ? null : fields[i].deserialize(source), i);
        }
        return reuse;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TupleSerializer<?> t && Arrays.equals(t.fields, fields);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fields);
    }
}
