package io.eddy.ml.io;

import io.eddy.api.connector.source.Boundedness;
import io.eddy.api.connector.source.InputStatus;
import io.eddy.api.connector.source.Source;
import io.eddy.api.connector.source.SourceOutput;
import io.eddy.api.connector.source.SourceReader;
import io.eddy.api.connector.source.SourceReaderContext;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The labeled vectors of the lines of text files in a {@link VectorFormat}. Each file is one split,
 * read whole by one reader, so a malformed line fails the job with its file and line number. Empty
 * lines and lines starting with {@code #} are skipped.
 *
 * <p>{@link #indexed} sources emit {@code (position, vector)} pairs instead, where position is
 * {@code fileOrdinal << 40 | lineNumber}: sorting by it restores the input order.
 */
final class VectorFileSource<T> implements Source<T, VectorFileSource.VectorFile> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final VectorFormat format;
    private final boolean indexed;

    /** One file of the input, its ordinal in the sorted listing, and the lines already read (for a restore). */
    record VectorFile(String file, int ordinal, long linesRead) implements Serializable {}

    private VectorFileSource(String path, VectorFormat format, boolean indexed) {
        this.path = path;
        this.format = format;
        this.indexed = indexed;
    }

    static VectorFileSource<LabeledVector> of(String path, VectorFormat format) {
        return new VectorFileSource<>(path, format, false);
    }

    static VectorFileSource<Tuple2<Long, LabeledVector>> indexed(String path, VectorFormat format) {
        return new VectorFileSource<>(path, format, true);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public List<VectorFile> createSplits(int parallelism) throws IOException {
        List<java.nio.file.Path> files = VectorFiles.listFiles(path);
        java.util.ArrayList<VectorFile> splits = new java.util.ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            splits.add(new VectorFile(files.get(i).toString(), i, 0));
        }
        return splits;
    }

    @Override
    public SourceReader<T, VectorFile> createReader(SourceReaderContext context) {
        return new Reader();
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeInfo<T> getProducedType() {
        return (TypeInfo<T>) (indexed ? Types.TUPLE(Types.LONG, LinalgTypes.LABELED_VECTOR) : LinalgTypes.LABELED_VECTOR);
    }

    /** Reads its files one after the other, in the task thread. */
    private final class Reader implements SourceReader<T, VectorFile> {
        private final ArrayDeque<VectorFile> pending = new ArrayDeque<>();
        private BufferedReader reader;
        private VectorFile file;
        private long lineNumber;

        @Override
        public void addSplits(List<VectorFile> splits) {
            pending.addAll(splits);
        }

        @Override
        @SuppressWarnings("unchecked")
        public InputStatus pollNext(SourceOutput<T> output) throws IOException {
            while (true) {
                if (reader == null && !openNext()) {
                    return InputStatus.END_OF_INPUT;
                }
                String line = reader.readLine();
                if (line == null) {
                    reader.close();
                    reader = null;
                    continue;
                }
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                LabeledVector vector;
                try {
                    vector = format.parse(line);
                } catch (VectorFormat.MalformedLineException e) {
                    throw new IOException("Malformed " + format.kind() + " line " + lineNumber + " of " + file.file() + ": "
                            + e.getMessage() + ". Line: " + (line.length() > 200 ? line.substring(0, 200) + "…" : line));
                }
                output.collect(indexed ? (T) Tuple2.of(((long) file.ordinal() << 40) | lineNumber, vector) : (T) vector);
                return InputStatus.MORE_AVAILABLE;
            }
        }

        private boolean openNext() throws IOException {
            file = pending.poll();
            if (file == null) {
                return false;
            }
            reader = Files.newBufferedReader(java.nio.file.Path.of(file.file()), StandardCharsets.UTF_8);
            lineNumber = 0;
            while (lineNumber < file.linesRead() && reader.readLine() != null) {
                lineNumber++;
            }
            return true;
        }

        @Override
        public List<VectorFile> snapshotState(long checkpointId) {
            List<VectorFile> state = new java.util.ArrayList<>();
            if (reader != null) {
                state.add(new VectorFile(file.file(), file.ordinal(), lineNumber));
            }
            state.addAll(pending);
            return state;
        }

        @Override
        public void close() throws IOException {
            if (reader != null) {
                reader.close();
            }
        }
    }
}
