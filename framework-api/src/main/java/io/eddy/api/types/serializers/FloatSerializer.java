package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;

/** Float as 4 bytes. */
public final class FloatSerializer extends ImmutableSerializer<Float> {
    private static final long serialVersionUID = 1L;

    public static final FloatSerializer INSTANCE = new FloatSerializer();

    @Override
    public int getLength() {
        return 4;
    }

    @Override
    public void serialize(Float record, DataOutputView target) throws IOException {
        target.writeFloat(record);
    }

    @Override
    public Float deserialize(DataInputView source) throws IOException {
        return source.readFloat();
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
