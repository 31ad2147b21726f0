package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;

/** Integer as 4 bytes. */
public final class IntSerializer extends ImmutableSerializer<Integer> {
    private static final long serialVersionUID = 1L;

    public static final IntSerializer INSTANCE = new IntSerializer();

    @Override
    public int getLength() {
        return 4;
    }

    @Override
    public void serialize(Integer record, DataOutputView target) throws IOException {
        target.writeInt(record);
    }

    @Override
    public Integer deserialize(DataInputView source) throws IOException {
        return source.readInt();
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
