package io.eddy.ml.io;

import io.eddy.api.connector.format.InputFormat;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of the lines of text files, one per line, parsed by a {@link LineParser} (labeled
 * vectors in a {@link VectorFormat}, ratings of {@link Ratings}). Each file is one split,
 * read whole by one subtask, so a malformed line fails the job with its file and line number. Empty
 * lines and lines starting with {@code #} are skipped.
 *
 * <p>{@link #indexed} formats give {@code (position, record)} pairs instead, where position is
 * {@code fileOrdinal << 40 | lineNumber}: sorting by it restores the input order.
 */
final class LineInputFormat<T> implements InputFormat<T, LineInputFormat.VectorFile> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final LineParser<?> format;
    private final boolean indexed;

    /** One file of the input and its ordinal in the sorted listing. */
    record VectorFile(String file, int ordinal) implements Serializable {}

    /** The open file and its line number; each subtask works on its own copy of the format. */
    private transient BufferedReader reader;
    private transient VectorFile file;
    private transient long lineNumber;
    private transient String nextLine;

    /** Turns one line into a record; a malformed line throws with what is wrong. */
    interface LineParser<R> extends Serializable {
        R parse(String line) throws VectorFormat.MalformedLineException;

        /** What the lines are, for messages: {@code CSV}, {@code LIBSVM}, {@code ratings}. */
        String kind();

        TypeInfo<R> type();
    }

    private LineInputFormat(String path, LineParser<?> format, boolean indexed) {
        this.path = path;
        this.format = format;
        this.indexed = indexed;
    }

    static <R> LineInputFormat<R> of(String path, LineParser<R> format) {
        return new LineInputFormat<>(path, format, false);
    }

    static <R> LineInputFormat<Tuple2<Long, R>> indexed(String path, LineParser<R> format) {
        return new LineInputFormat<>(path, format, true);
    }

    @Override
    public List<VectorFile> createInputSplits(int minSplits) throws IOException {
        List<String> files = VectorFiles.listFiles(path);
        List<VectorFile> splits = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            splits.add(new VectorFile(files.get(i), i));
        }
        return splits;
    }

    @Override
    public void open(VectorFile split) throws IOException {
        file = split;
        reader = HadoopPaths.openText(split.file());
        lineNumber = 0;
        advance();
    }

    /** Moves to the next line that holds a vector, or to the end. */
    private void advance() throws IOException {
        do {
            nextLine = reader.readLine();
            lineNumber++;
        } while (nextLine != null && (nextLine.isBlank() || nextLine.startsWith("#")));
    }

    @Override
    public boolean reachedEnd() {
        return nextLine == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T nextRecord() throws IOException {
        String line = nextLine;
        long number = lineNumber;
        Object vector;
        try {
            vector = format.parse(line);
        } catch (VectorFormat.MalformedLineException e) {
            throw new IOException("Malformed " + format.kind() + " line " + number + " of " + file.file() + ": "
                    + e.getMessage() + ". Line: " + (line.length() > 200 ? line.substring(0, 200) + "…" : line));
        }
        advance();
        return indexed ? (T) Tuple2.of(((long) file.ordinal() << 40) | number, vector) : (T) vector;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeInfo<T> getProducedType() {
        return (TypeInfo<T>) (indexed ? Types.TUPLE(Types.LONG, format.type()) : format.type());
    }
}
