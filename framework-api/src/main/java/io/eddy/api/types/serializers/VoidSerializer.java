package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

/** Void: writes one marker byte, reads back null. */
public final class VoidSerializer extends ImmutableSerializer<Void> {
    private static final long serialVersionUID = 1L;

    public static final VoidSerializer INSTANCE = new VoidSerializer();

    @Override
    public int getLength() {
        return 1;
    }

    @Override
    public void serialize(Void record, DataOutputView target) throws java.io.IOException {
        target.write(0);
    }

    @Override
    public Void deserialize(DataInputView source) throws java.io.IOException {
        source.readByte();
        return null;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
