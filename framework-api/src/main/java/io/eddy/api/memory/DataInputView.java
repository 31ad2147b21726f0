package io.eddy.api.memory;

import java.io.DataInput;
import java.io.IOException;

/** Where deserializers read from; the mirror of {@link DataOutputView}. */
public interface DataInputView extends DataInput {
    /** Skips exactly {@code numBytes} bytes, failing with {@link java.io.EOFException} if fewer remain. */
    void skipBytesToRead(int numBytes) throws IOException;

    /** Reads up to {@code len} bytes; returns the number read, or -1 at the end. */
    int read(byte[] b, int off, int len) throws IOException;
}
