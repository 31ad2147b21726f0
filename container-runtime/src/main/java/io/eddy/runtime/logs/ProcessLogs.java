package io.eddy.runtime.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log file and the standard output file of this process, as the start scripts set them up
 * ({@code bin/eddy-daemon.sh} passes {@code -Deddy.log.file=…/eddy-taskmanager-1-host.log} to
 * log4j and redirects stdout and stderr to the {@code .out} file next to it, which it also names in
 * {@code -Deddy.out.file}). A process started otherwise (embedded, in a test) may have neither.
 */
public final class ProcessLogs {
    /** System property naming the log file; log4j2.properties writes there. */
    public static final String LOG_FILE_PROPERTY = "eddy.log.file";
    /** System property naming the file stdout and stderr go to. */
    public static final String OUT_FILE_PROPERTY = "eddy.out.file";
    /** The largest piece of a file one request returns: a download of a larger file gets its end. */
    public static final long MAX_BYTES = 32L << 20;

    private ProcessLogs() {}

    /** Which of the process's files. */
    public enum Kind {
        LOG, STDOUT;

        /** As in URLs: {@code log} or {@code stdout}. */
        public String urlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The end of a file.
     *
     * @param fileName the file's name, for a download; null when the process has no such file
     * @param fileSize the whole file's size in bytes
     * @param offset where {@code bytes} begin in the file
     */
    public record Chunk(String fileName, long fileSize, long offset, byte[] bytes) implements Serializable {
        public static Chunk missing() {
            return new Chunk(null, 0, 0, new byte[0]);
        }
    }

    /** The file of {@code kind}, or null if this process does not know one. */
    public static Path file(Kind kind) {
        String log = System.getProperty(LOG_FILE_PROPERTY);
        if (kind == Kind.LOG) {
            return log == null ? null : Path.of(log);
        }
        String out = System.getProperty(OUT_FILE_PROPERTY);
        if (out != null) {
            return Path.of(out);
        }
        return log != null && log.endsWith(".log") ? Path.of(log.substring(0, log.length() - 4) + ".out") : null;
    }

    /** The last {@code maxBytes} (at most {@link #MAX_BYTES}) of the file of {@code kind}. */
    public static Chunk tail(Kind kind, long maxBytes) throws IOException {
        Path file = file(kind);
        if (file == null || !Files.isRegularFile(file)) {
            return Chunk.missing();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            long length = Math.min(size, Math.min(Math.max(0, maxBytes), MAX_BYTES));
            byte[] bytes = new byte[(int) length];
            in.seek(size - length);
            in.readFully(bytes);
            return new Chunk(file.getFileName().toString(), size, size - length, bytes);
        }
    }
}
