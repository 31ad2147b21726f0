package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;

/** Long as 8 bytes. */
public final class LongSerializer extends ImmutableSerializer<Long> {
    private static final long serialVersionUID = 1L;

    public static final LongSerializer INSTANCE = new LongSerializer();

    @Override
    public int getLength() {
        return 8;
    }

    @Override
    public void serialize(Long record, DataOutputView target) throws IOException {
        target.writeLong(record);
    }

    @Override
    public Long deserialize(DataInputView source) throws IOException {
        return source.readLong();
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
