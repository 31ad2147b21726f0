package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;

/** Byte as 1 byte. */
public final class ByteSerializer extends ImmutableSerializer<Byte> {
    private static final long serialVersionUID = 1L;

    public static final ByteSerializer INSTANCE = new ByteSerializer();

    @Override
    public int getLength() {
        return 1;
    }

    @Override
    public void serialize(Byte record, DataOutputView target) throws IOException {
        target.writeByte(record);
    }

    @Override
    public Byte deserialize(DataInputView source) throws IOException {
        return source.readByte();
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
