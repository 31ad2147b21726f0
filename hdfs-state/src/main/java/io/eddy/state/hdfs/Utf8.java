package io.eddy.state.hdfs;

import java.io.IOException;
import java.io.OutputStream;

/** Writes characters as UTF-8 straight into a stream, without the byte array {@code getBytes} would make. */
final class Utf8 {
    private Utf8() {}

    static void write(CharSequence text, OutputStream out) throws IOException {
        write(text, 0, text.length(), out);
    }

    /** Writes the characters {@code from .. to - 1} of {@code text}. */
    static void write(CharSequence text, int from, int to, OutputStream out) throws IOException {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out.write(c);
            } else if (c < 0x800) {
                out.write(0xC0 | (c >> 6));
                out.write(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out.write(0xF0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3F));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                out.write('?'); // an unpaired surrogate has no encoding; String.getBytes writes '?' too
            } else {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            }
        }
    }
}
