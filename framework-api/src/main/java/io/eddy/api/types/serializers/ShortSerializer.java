package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;

/** Short as 2 bytes. */
public final class ShortSerializer extends ImmutableSerializer<Short> {
    private static final long serialVersionUID = 1L;

    public static final ShortSerializer INSTANCE = new ShortSerializer();

    @Override
    public int getLength() {
        return 2;
    }

    @Override
    public void serialize(Short record, DataOutputView target) throws IOException {
        target.writeShort(record);
    }

    @Override
    public Short deserialize(DataInputView source) throws IOException {
        return source.readShort();
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
