package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;

/** Double as 8 bytes. */
public final class DoubleSerializer extends ImmutableSerializer<Double> {
    private static final long serialVersionUID = 1L;

    public static final DoubleSerializer INSTANCE = new DoubleSerializer();

    @Override
    public int getLength() {
        return 8;
    }

    @Override
    public void serialize(Double record, DataOutputView target) throws IOException {
        target.writeDouble(record);
    }

    @Override
    public Double deserialize(DataInputView source) throws IOException {
        return source.readDouble();
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
