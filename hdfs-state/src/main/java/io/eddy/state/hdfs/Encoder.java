package io.eddy.state.hdfs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * Writes records into the part files of an {@link ExactlyOnceFileSink}, one after another. The
 * stream is buffered and owned by the sink: write into it, never close it. Each subtask uses its
 * own copy of the encoder (the job is deserialized per subtask), from its task thread only, so an
 * encoder may keep reusable buffers in transient fields.
 *
 * <p>Two encoders come with Eddy: {@link #toStringLines()} and {@link CsvEncoder}.
 */
@FunctionalInterface
public interface Encoder<T> extends Serializable {
    void encode(T element, OutputStream out) throws IOException;

    /** Called when a part file is opened, before {@code first} is encoded into it: e.g. for a header line. */
    default void writeHeader(T first, OutputStream out) throws IOException {}

    /** The element's {@code toString()} as a UTF-8 line. */
    static <T> Encoder<T> toStringLines() {
        return (element, out) -> {
            Utf8.write(String.valueOf(element), out);
            out.write('\n');
        };
    }
}
