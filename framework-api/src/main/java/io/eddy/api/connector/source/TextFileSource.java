package io.eddy.api.connector.source;

import io.eddy.api.fs.FileStatus;
import io.eddy.api.fs.FileSystems;
import io.eddy.api.fs.SeekableInputStream;
import io.eddy.api.metrics.Gauge;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a text file, or of every visible file in a directory, on any file system
 * ({@link FileSystems}: local, or {@code hdfs://} and the other Hadoop ones), as UTF-8 strings without
 * line terminators ({@code \n} or {@code \r\n}), each turned into a record by a {@link LineParser}
 * ({@link #lines} keeps the strings). Files are cut into byte ranges so several readers share a large
 * file; a range owns the lines that start inside it.
 *
 * <p>A reader does not know the number of a line in a range that starts inside a file; when the parser
 * rejects a line, the reader counts the line breaks before it (once, on that error path) so the job
 * fails with the file and the line number.
 */
public final class TextFileSource<T> implements Source<T, TextFileSource.FileRange> {
    private static final long serialVersionUID = 1L;

    /** Ranges are not cut smaller than this, so small files are read by one reader. */
    private static final long MIN_RANGE_BYTES = 1 << 20;

    private final String path;
    private final LineParser<T> parser;
    private final TypeInfo<T> type;
    private final boolean skipFirstLine;
    /** The API that reads, for the message of a missing input ("Input of readCsvFile is missing"). */
    private final String readerName;

    /**
     * Turns one line into a record. Called by the reader's thread only; an instance is used by one reader.
     */
    public interface LineParser<T> extends Serializable {
        /**
         * The record of {@code line}, or null to skip the line (a comment, a blank line).
         *
         * @throws IllegalArgumentException when the line is malformed; the message says what is wrong, and
         *     the reader adds the file, the line number and the line
         */
        T parse(String line);

        /** What a line holds, for the message of a malformed one ("Malformed CSV line 3 of ..."). */
        default String lineKind() {
            return "text";
        }
    }

    private TextFileSource(String path, LineParser<T> parser, TypeInfo<T> type, boolean skipFirstLine, String readerName) {
        this.path = path;
        this.parser = parser;
        this.type = type;
        this.skipFirstLine = skipFirstLine;
        this.readerName = readerName;
    }

    /** The lines themselves. */
    public static TextFileSource<String> lines(String path) {
        return new TextFileSource<>(path, new Lines(), Types.STRING, false, "readTextFile");
    }

    /**
     * The records {@code parser} makes of the lines; with {@code skipFirstLine} each file's first line (a
     * header) is dropped. {@code readerName} names the API in the message of a missing input.
     */
    public static <T> TextFileSource<T> parsed(String path, LineParser<T> parser, TypeInfo<T> type, boolean skipFirstLine,
            String readerName) {
        return new TextFileSource<>(path, parser, type, skipFirstLine, readerName);
    }

    private record Lines() implements LineParser<String> {
        @Override
        public String parse(String line) {
            return line;
        }
    }

    /** Lines starting in bytes {@code [start, end)} of a file; {@code start} advances as lines are read. */
    public record FileRange(String file, long start, long end) implements Serializable {}

    @Override
    public SizeEstimate estimateSize() {
        return SizeEstimate.ofFiles(path);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public List<FileRange> createSplits(int parallelism) throws IOException {
        List<FileStatus> files = FileSystems.listInput(path, readerName);
        long total = 0;
        for (FileStatus f : files) {
            total += f.length();
        }
        long rangeSize = Math.max(MIN_RANGE_BYTES, (total + parallelism - 1) / Math.max(1, parallelism));
        List<FileRange> ranges = new ArrayList<>();
        for (FileStatus f : files) {
            for (long start = 0; start < f.length(); start += rangeSize) {
                ranges.add(new FileRange(f.path(), start, Math.min(f.length(), start + rangeSize)));
            }
        }
        return ranges;
    }

    @Override
    public SourceReader<T, FileRange> createReader(SourceReaderContext context) {
        Reader reader = new Reader();
        context.metricGroup().gauge(SourceReaderContext.PENDING_BYTES, (Gauge<Long>) reader::pendingBytes);
        return reader;
    }

    @Override
    public TypeInfo<T> getProducedType() {
        return type;
    }

    private final class Reader implements SourceReader<T, FileRange> {
        private final ArrayDeque<FileRange> pending = new ArrayDeque<>();
        private final byte[] buffer = new byte[64 * 1024];
        /** The unread bytes of {@link #buffer} are {@code [bufferPosition, bufferLimit)}. */
        private int bufferPosition;
        private int bufferLimit;
        private byte[] line = new byte[256];
        private SeekableInputStream channel;
        private FileRange range;
        /** File offset of the next unread byte of the current line's start. */
        private long position;
        /** The bytes of the ranges in {@link #pending}, for the metrics thread. */
        private volatile long pendingInQueue;

        @Override
        public void addSplits(List<FileRange> splits) {
            pending.addAll(splits);
            pendingInQueue += splits.stream().mapToLong(r -> r.end() - r.start()).sum();
        }

        /** Read on the metrics thread: range and position may be a line old. */
        long pendingBytes() {
            FileRange current = range;
            return (current == null ? 0 : Math.max(0, current.end() - position)) + pendingInQueue;
        }

        @Override
        public InputStatus pollNext(SourceOutput<T> output) throws IOException {
            while (true) {
                if (channel == null && !openNext()) {
                    return InputStatus.END_OF_INPUT;
                }
                while (position < range.end()) {
                    long lineStart = position;
                    String text = readLine();
                    if (text == null) {
                        break;
                    }
                    if (lineStart == 0 && skipFirstLine) {
                        continue;
                    }
                    T record;
                    try {
                        record = parser.parse(text);
                    } catch (IllegalArgumentException e) {
                        throw new IOException("Malformed " + parser.lineKind() + " line " + lineNumber(lineStart) + " of "
                                + range.file() + ": " + e.getMessage() + ". Line: " + text);
                    }
                    if (record != null) {
                        output.collect(record);
                        return InputStatus.MORE_AVAILABLE;
                    }
                }
                closeChannel();
            }
        }

        /** The 1-based number of the line starting at byte {@code lineStart}: the line breaks before it, counted on a second stream. */
        private long lineNumber(long lineStart) throws IOException {
            long breaks = 0;
            byte[] bytes = new byte[64 * 1024];
            try (SeekableInputStream in = FileSystems.get(range.file()).open(range.file())) {
                for (long read = 0; read < lineStart; ) {
                    int n = in.read(bytes, 0, (int) Math.min(bytes.length, lineStart - read));
                    if (n <= 0) {
                        break;
                    }
                    for (int i = 0; i < n; i++) {
                        if (bytes[i] == '\n') {
                            breaks++;
                        }
                    }
                    read += n;
                }
            }
            return breaks + 1;
        }

        private boolean openNext() throws IOException {
            range = pending.poll();
            if (range == null) {
                return false;
            }
            pendingInQueue -= range.end() - range.start();
            channel = FileSystems.get(range.file()).open(range.file());
            bufferPosition = 0;
            bufferLimit = 0;
            position = range.start();
            if (position > 0) {
                // the line holding byte start-1 belongs to the previous range: skip past its end
                channel.seek(position - 1);
                position--;
                int b;
                while ((b = nextByte()) >= 0 && b != '\n') {
                    // skip
                }
            }
            return true;
        }

        /** Reads one line from the current position; null at end of file. */
        private String readLine() throws IOException {
            int length = 0;
            int b = nextByte();
            if (b < 0) {
                return null;
            }
            while (b >= 0 && b != '\n') {
                if (length == line.length) {
                    line = java.util.Arrays.copyOf(line, length * 2);
                }
                line[length++] = (byte) b;
                b = nextByte();
            }
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            return new String(line, 0, length, StandardCharsets.UTF_8);
        }

        private int nextByte() throws IOException {
            if (bufferPosition == bufferLimit) {
                int n = channel.read(buffer, 0, buffer.length);
                if (n <= 0) {
                    return -1;
                }
                bufferPosition = 0;
                bufferLimit = n;
            }
            position++;
            return buffer[bufferPosition++] & 0xff;
        }

        private void closeChannel() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }

        @Override
        public List<FileRange> snapshotState(long checkpointId) {
            List<FileRange> state = new ArrayList<>(pending.size() + 1);
            if (channel != null && position < range.end()) {
                // resume at the next line: position is at a line start, so mark it as such
                state.add(new FileRange(range.file(), position, range.end()));
            }
            state.addAll(pending);
            return state;
        }

        @Override
        public void close() throws IOException {
            closeChannel();
        }
    }
}
