package io.eddy.state.hdfs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/** Writes one record into a part file of an {@link ExactlyOnceFileSink}. */
@FunctionalInterface
public interface Encoder<T> extends Serializable {
    void encode(T element, OutputStream out) throws IOException;

    /** The element's {@code toString()} as a UTF-8 line. */
    static <T> Encoder<T> toStringLines() {
        return (element, out) -> {
            out.write(String.valueOf(element).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        };
    }
}
