package io.eddy.api.memory;

import java.io.DataOutput;
import java.io.IOException;

/**
 * Where serializers write. Implementations write straight into memory segments or reused byte
 * arrays; they never allocate per call on the hot path. Multi-byte values are big-endian.
 */
public interface DataOutputView extends DataOutput {
    /** Copies {@code numBytes} bytes from {@code source} to this view. */
    void write(DataInputView source, int numBytes) throws IOException;

    /** Writes all of {@code values}, as that many calls of {@link #writeDouble} would; see {@link DataInputView#readDoubles}. */
    default void writeDoubles(double[] values) throws IOException {
        for (double v : values) {
            writeDouble(v);
        }
    }
}
