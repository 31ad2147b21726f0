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
 * line terminators ({@code \n} or {@code \r\n}). Files are cut into byte ranges so several readers
 * share a large file; a range owns the lines that start inside it.
 */
public final class TextFileSource implements Source<String, TextFileSource.FileRange> {
    private static final long serialVersionUID = 1L;

    /** Ranges are not cut smaller than this, so small files are read by one reader. */
    private static final long MIN_RANGE_BYTES = 1 << 20;

    private final String path;

    public TextFileSource(String path) {
        this.path = path;
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
        List<FileStatus> files = FileSystems.listInput(path, "readTextFile");
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
    public SourceReader<String, FileRange> createReader(SourceReaderContext context) {
        Reader reader = new Reader();
        context.metricGroup().gauge(SourceReaderContext.PENDING_BYTES, (Gauge<Long>) reader::pendingBytes);
        return reader;
    }

    @Override
    public TypeInfo<String> getProducedType() {
        return Types.STRING;
    }

    private static final class Reader implements SourceReader<String, FileRange> {
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
        public InputStatus pollNext(SourceOutput<String> output) throws IOException {
            while (true) {
                if (channel == null && !openNext()) {
                    return InputStatus.END_OF_INPUT;
                }
                if (position < range.end()) {
                    String text = readLine();
                    if (text != null) {
                        output.collect(text);
                        return InputStatus.MORE_AVAILABLE;
                    }
                }
                closeChannel();
            }
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
