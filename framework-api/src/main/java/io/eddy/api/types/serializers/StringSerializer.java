package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;

import java.io.IOException;

/**
 * Strings of any length and content: the number of UTF-16 chars, then each char in 1 byte when
 * below 0x80 (ASCII text costs one byte per char) and 2–3 bytes otherwise. Surrogate pairs travel
 * as their two chars, so every Java string round-trips exactly.
 */
public final class StringSerializer extends ImmutableSerializer<String> {
    private static final long serialVersionUID = 1L;

    public static final StringSerializer INSTANCE = new StringSerializer();

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(String record, DataOutputView target) throws IOException {
        if (target instanceof SegmentOutputView view && view.writeShortAscii(record)) {
            return;
        }
        int length = record.length();
        VarInts.write(length, target);
        if (target instanceof SegmentOutputView view && view.writeAsciiInPage(record)) {
            return;
        }
        for (int i = 0; i < length; i++) {
            int c = record.charAt(i);
            if (c < 0x80) {
                target.writeByte(c);
            } else {
                while (c >= 0x80) {
                    target.writeByte(c | 0x80);
                    c >>>= 7;
                }
                target.writeByte(c);
            }
        }
    }

    @Override
    public String deserialize(DataInputView source) throws IOException {
        int length = VarInts.read(source);
        if (source instanceof SegmentInputView view) {
            String ascii = view.readAsciiInPage(length);
            if (ascii != null) {
                return ascii;
            }
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            int c = source.readByte();
            if (c < 0) {
                int value = c & 0x7f;
                int shift = 7;
                while ((c = source.readByte()) < 0) {
                    value |= (c & 0x7f) << shift;
                    shift += 7;
                }
                c = value | (c << shift);
            }
            chars[i] = (char) c;
        }
        return new String(chars);
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
