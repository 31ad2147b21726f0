package io.eddy.api.connector.sink;

import io.eddy.api.fs.FileStatus;
import io.eddy.api.fs.FileSystem;
import io.eddy.api.fs.FileSystems;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;

/**
 * Writes each element's {@code toString()} as a UTF-8 line into a directory on any file system
 * ({@link FileSystems}: local, or {@code hdfs://} and the other Hadoop ones), one part file per
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
        FileSystem fs = FileSystems.get(directory);
        if (fs.exists(directory)) {
            FileStatus existing = fs.status(directory);
            if (!existing.isDirectory()) {
                throw new FileAlreadyExistsException(existing.path(), null,
                        "writeAsText needs a directory, but this is a file: delete it or choose another path");
            }
        }
        fs.mkdirs(directory);
        String file = (directory.endsWith("/") ? directory : directory + "/") + "part-" + context.getIndexOfSubtask();
        // a restarted attempt replaces what an earlier attempt of this subtask wrote before it failed
        boolean overwrite = mode == WriteMode.OVERWRITE || context.getAttemptNumber() > 0;
        OutputStream stream;
        try {
            stream = fs.create(file, overwrite);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(e.getFile(), null,
                    "the output file already exists: delete it or use writeAsText(path, WriteMode.OVERWRITE)");
        }
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
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
