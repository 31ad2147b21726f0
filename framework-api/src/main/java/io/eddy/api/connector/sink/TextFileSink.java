package io.eddy.api.connector.sink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * Writes each element's {@code toString()} as a UTF-8 line into a directory, one part file per
 * subtask ({@code part-0}, {@code part-1}, …). Not transactional: after a failure a part file may
 * hold a partial result, which a restarted attempt of the subtask overwrites (also in
 * {@link WriteMode#NO_OVERWRITE}, which only refuses files that were there before the job); the
 * exactly-once file sink comes with checkpointing.
 */
public final class TextFileSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final String directory;
    private final WriteMode mode;

    public TextFileSink(String directory, WriteMode mode) {
        this.directory = directory;
        this.mode = mode;
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) throws IOException {
        Path dir = Paths.get(directory.startsWith("file://") ? directory.substring("file://".length()) : directory);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FileAlreadyExistsException(dir.toAbsolutePath().toString(), null,
                    "writeAsText needs a directory, but this is a file: delete it or choose another path");
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("part-" + context.getIndexOfSubtask());
        // a restarted attempt replaces what an earlier attempt of this subtask wrote before it failed
        if (mode == WriteMode.NO_OVERWRITE && context.getAttemptNumber() == 0 && Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toAbsolutePath().toString(), null,
                    "the output file already exists: delete it or use writeAsText(path, WriteMode.OVERWRITE)");
        }
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                StandardCharsets.UTF_8), 64 * 1024);
        return new SinkWriter<>() {
            @Override
            public void write(T element, long timestamp) throws IOException {
                out.write(String.valueOf(element));
                out.write('\n');
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
