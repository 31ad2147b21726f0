package io.eddy.ml.io;

import io.eddy.api.connector.format.InputFormat;
import io.eddy.api.connector.source.TextFileSource;
import io.eddy.api.fs.FileSystems;
import io.eddy.api.fs.SeekableInputStream;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The records of the lines of text files, one per line, parsed by a {@link LineParser} (labeled
 * vectors in a {@link VectorFormat}, ratings of {@link Ratings}). Empty lines and lines starting with
 * {@code #} are skipped; line terminators are {@code \n} or {@code \r\n}.
 *
 * <p>{@link #source} reads the records with framework-api's {@link TextFileSource}. This input format
 * reads them {@link #indexed}, with each line's position, which that source does not give; it cuts and
 * reads the files the same way. Splits are byte ranges: the input's bytes
 * divided evenly over the parallel subtasks (no range under {@link #MIN_RANGE_BYTES}, so small files
 * stay whole), and a range owns the lines that <em>start</em> inside it; a reader starting mid-file
 * skips to the end of the line it lands in, which the previous range reads. So one large file is read
 * by all subtasks, each line exactly once. A malformed line fails the job with its file and line
 * number; the number is counted (by reading the file up to the line) only then.
 *
 * <p>The records are {@code (position, record)} pairs, where position is
 * {@code fileOrdinal << 40 | byte offset of the line}: sorting by it restores the input order.
 */
final class LineInputFormat<T> implements InputFormat<T, LineInputFormat.FileRange> {
    private static final long serialVersionUID = 1L;

    /** Ranges are not cut smaller than this. */
    static final long MIN_RANGE_BYTES = 1 << 20;
    /** Files up to 2^40 bytes: the byte offset fills the low 40 bits of an indexed position. */
    private static final long MAX_FILE_BYTES = 1L << 40;

    private final String path;
    private final LineParser<?> format;

    /** The lines starting in bytes {@code [start, end)} of input file number {@code ordinal} (in sorted order). */
    record FileRange(String file, int ordinal, long start, long end) implements Serializable {}

    /** The open range, its file and the read position; each subtask works on its own copy of the format. */
    private transient SeekableInputStream in;
    private transient FileRange range;
    private transient byte[] buffer;
    private transient int bufferPosition;
    private transient int bufferLimit;
    private transient byte[] lineBytes;
    /** File offset of the next unread byte. */
    private transient long position;
    /** The next line to return and the file offset where it starts; null at the range's end. */
    private transient String nextLine;
    private transient long nextLineStart;

    /** Turns one line into a record; a malformed line throws with what is wrong. */
    interface LineParser<R> extends Serializable {
        R parse(String line) throws VectorFormat.MalformedLineException;

        /** What the lines are, for messages: {@code CSV}, {@code LIBSVM}, {@code ratings}. */
        String kind();

        TypeInfo<R> type();
    }

    private LineInputFormat(String path, LineParser<?> format) {
        this.path = path;
        this.format = format;
    }

    /** The records of the lines, read in byte ranges by all parallel subtasks. */
    static <R> TextFileSource<R> source(String path, LineParser<R> format) {
        return TextFileSource.parsed(path, new SourceParser<>(format), format.type(), false, "the " + format.kind() + " reader");
    }

    static <R> LineInputFormat<Tuple2<Long, R>> indexed(String path, LineParser<R> format) {
        return new LineInputFormat<>(path, format);
    }

    /** A {@link LineParser} as the source's parser: skipped lines become null, malformed ones its exception. */
    private record SourceParser<R>(LineParser<R> format) implements TextFileSource.LineParser<R> {
        @Override
        public R parse(String line) {
            if (line.isBlank() || line.startsWith("#")) {
                return null;
            }
            try {
                return format.parse(line);
            } catch (VectorFormat.MalformedLineException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        @Override
        public String lineKind() {
            return format.kind();
        }
    }

    @Override
    public List<FileRange> createInputSplits(int minSplits) throws IOException {
        List<String> files = VectorFiles.listFiles(path);
        long[] lengths = new long[files.size()];
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            lengths[i] = FileSystems.get(files.get(i)).status(files.get(i)).length();
            if (lengths[i] >= MAX_FILE_BYTES) {
                throw new IOException("Input file " + files.get(i) + " has " + lengths[i] + " bytes, more than the "
                        + MAX_FILE_BYTES + " a line position can address: split it into several files");
            }
            total += lengths[i];
        }
        long rangeSize = Math.max(MIN_RANGE_BYTES, (total + minSplits - 1) / Math.max(1, minSplits));
        List<FileRange> ranges = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            for (long start = 0; start < lengths[i]; start += rangeSize) {
                ranges.add(new FileRange(files.get(i), i, start, Math.min(lengths[i], start + rangeSize)));
            }
        }
        return ranges;
    }

    @Override
    public void open(FileRange split) throws IOException {
        range = split;
        if (buffer == null) {
            buffer = new byte[64 * 1024];
            lineBytes = new byte[256];
        }
        in = FileSystems.get(split.file()).open(split.file());
        bufferPosition = 0;
        bufferLimit = 0;
        position = split.start();
        if (position > 0) {
            // the line holding byte start − 1 belongs to the previous range: skip to its end
            in.seek(position - 1);
            position--;
            int b;
            do {
                b = nextByte();
            } while (b >= 0 && b != '\n');
        }
        advance();
    }

    /** Moves to the next line of the range that holds a record, or to the end (null). */
    private void advance() throws IOException {
        do {
            if (position >= range.end()) {
                nextLine = null;
                return;
            }
            nextLineStart = position;
            nextLine = readLine();
        } while (nextLine != null && (nextLine.isBlank() || nextLine.startsWith("#")));
    }

    /** The line from the current position, without its terminator; null at the end of the file. */
    private String readLine() throws IOException {
        int b = nextByte();
        if (b < 0) {
            return null;
        }
        int length = 0;
        while (b >= 0 && b != '\n') {
            if (length == lineBytes.length) {
                lineBytes = Arrays.copyOf(lineBytes, 2 * length);
            }
            lineBytes[length++] = (byte) b;
            b = nextByte();
        }
        if (length > 0 && lineBytes[length - 1] == '\r') {
            length--;
        }
        return new String(lineBytes, 0, length, StandardCharsets.UTF_8);
    }

    private int nextByte() throws IOException {
        if (bufferPosition == bufferLimit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return -1;
            }
            bufferPosition = 0;
            bufferLimit = n;
        }
        position++;
        return buffer[bufferPosition++] & 0xff;
    }

    @Override
    public boolean reachedEnd() {
        return nextLine == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T nextRecord() throws IOException {
        String line = nextLine;
        long start = nextLineStart;
        Object record;
        try {
            record = format.parse(line);
        } catch (VectorFormat.MalformedLineException e) {
            throw new IOException("Malformed " + format.kind() + " line " + lineNumber(range.file(), start) + " of "
                    + range.file() + ": " + e.getMessage() + ". Line: "
                    + (line.length() > 200 ? line.substring(0, 200) + "…" : line));
        }
        advance();
        return (T) Tuple2.of(((long) range.ordinal() << 40) | start, record);
    }

    /** The 1-based number of the line starting at byte {@code offset} of {@code file}: its newlines before it, plus one. */
    private static long lineNumber(String file, long offset) throws IOException {
        long newlines = 0;
        byte[] bytes = new byte[64 * 1024];
        try (InputStream stream = FileSystems.get(file).open(file)) {
            long left = offset;
            while (left > 0) {
                int n = stream.read(bytes, 0, (int) Math.min(bytes.length, left));
                if (n <= 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (bytes[i] == '\n') {
                        newlines++;
                    }
                }
                left -= n;
            }
        }
        return newlines + 1;
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
            in = null;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeInfo<T> getProducedType() {
        return (TypeInfo<T>) Types.TUPLE(Types.LONG, format.type());
    }
}
