package io.eddy.api.connector.sink;

import java.io.PrintStream;

/**
 * Prints each element's {@code toString()} on a line to standard output (or error). With more
 * than one subtask, lines are prefixed by the 1-based subtask number, e.g. {@code 2> hello}.
 */
public final class PrintSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final String prefix;
    private final boolean stdErr;

    public PrintSink(String prefix, boolean stdErr) {
        this.prefix = prefix;
        this.stdErr = stdErr;
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
        String subtask = context.getParallelism() > 1 ? (context.getIndexOfSubtask() + 1) + "> " : "";
        String fullPrefix = prefix == null || prefix.isEmpty() ? subtask
                : prefix + (subtask.isEmpty() ? "> " : ":" + subtask);
        PrintStream stream = stdErr ? System.err : System.out;
        return new SinkWriter<>() {
            @Override
            public void write(T element, long timestamp) {
                stream.println(fullPrefix.isEmpty() ? String.valueOf(element) : fullPrefix + element);
            }

            @Override
            public void flush(boolean endOfInput) {
                stream.flush();
            }

            @Override
            public void close() {
                stream.flush();
            }
        };
    }
}
