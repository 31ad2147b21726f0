package io.eddy.api.memory;

import java.io.DataInput;
import java.io.IOException;

/** Where deserializers read from; the mirror of {@link DataOutputView}. */
public interface DataInputView extends DataInput {
    /** Skips exactly {@code numBytes} bytes, failing with {@link java.io.EOFException} if fewer remain. */
    void skipBytesToRead(int numBytes) throws IOException;

    /** Reads up to {@code len} bytes; returns the number read, or -1 at the end. */
    int read(byte[] b, int off, int len) throws IOException;

    /**
     * Fills {@code target} with doubles, as {@code target.length} calls of {@link #readDouble()} would:
     * one call per array instead of per element, for vectors and matrices (views read them in a loop
     * of their own, which the JIT compiles whatever the caller's view types).
     */
    default void readDoubles(double[] target) throws IOException {
        for (int i = 0; i < target.length; i++) {
            target[i] = readDouble();
        }
    }
}
