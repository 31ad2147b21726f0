package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;

/** Boolean as 1 byte. */
public final class BooleanSerializer extends ImmutableSerializer<Boolean> {
    private static final long serialVersionUID = 1L;

    public static final BooleanSerializer INSTANCE = new BooleanSerializer();

    @Override
    public int getLength() {
        return 1;
    }

    @Override
    public void serialize(Boolean record, DataOutputView target) throws IOException {
        target.writeBoolean(record);
    }

    @Override
    public Boolean deserialize(DataInputView source) throws IOException {
        return source.readBoolean();
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
