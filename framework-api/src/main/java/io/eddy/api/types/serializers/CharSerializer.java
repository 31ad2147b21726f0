package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;

/** Character as 2 bytes. */
public final class CharSerializer extends ImmutableSerializer<Character> {
    private static final long serialVersionUID = 1L;

    public static final CharSerializer INSTANCE = new CharSerializer();

    @Override
    public int getLength() {
        return 2;
    }

    @Override
    public void serialize(Character record, DataOutputView target) throws IOException {
        target.writeChar(record);
    }

    @Override
    public Character deserialize(DataInputView source) throws IOException {
        return source.readChar();
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
