package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;

/**
 * Enum constants by ordinal (compact, one byte for up to 128 constants). The constants are read
 * from the class when the serializer is created, so reordering an enum's constants changes the
 * meaning of stored state; append new constants instead.
 */
public final class EnumSerializer<E extends Enum<E>> extends ImmutableSerializer<E> {
    private static final long serialVersionUID = 1L;

    private final Class<E> type;
    private transient E[] constants;

    public EnumSerializer(Class<E> type) {
        this.type = type;
    }

    private E[] constants() {
        if (constants == null) {
            constants = type.getEnumConstants();
        }
        return constants;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(E record, DataOutputView target) throws IOException {
        VarInts.write(record.ordinal(), target);
    }

    @Override
    public E deserialize(DataInputView source) throws IOException {
        int ordinal = VarInts.read(source);
        E[] all = constants();
        if (ordinal >= all.length) {
            throw new IOException("Enum " + type.getName() + " has no constant with ordinal " + ordinal);
        }
        return all[ordinal];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnumSerializer<?> e && e.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }
}
