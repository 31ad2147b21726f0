package io.eddy.ml.io;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.Order;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichGroupReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.Vector;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

/**
 * Reads and writes labeled vectors as CSV or LibSVM text (see {@link VectorFormat}). A path is a
 * file or a directory of files (those starting with {@code .} or {@code _} are skipped) on any
 * Hadoop file system ({@link HadoopPaths}). Writes go to a directory, one part file per parallel subtask.
 */
public final class VectorFiles {
    private VectorFiles() {}

    public static DataSet<LabeledVector> read(ExecutionEnvironment env, String path, VectorFormat format) {
        return env.fromSource(LineInputFormat.source(path, format.parser()), format.kind() + " " + path);
    }

    /** CSV rows {@code f1,…,fd[,label]}; the dimension is taken from the first row, and every row must have it. */
    public static DataSet<LabeledVector> readCsv(ExecutionEnvironment env, String path, boolean hasLabel) throws IOException {
        return read(env, path, VectorFormat.csv(hasLabel, csvDimension(path, hasLabel)));
    }

    /** LibSVM lines; {@code dimension} 0 finds the largest feature index by reading the files once here. */
    public static DataSet<LabeledVector> readLibSvm(ExecutionEnvironment env, String path, int dimension) throws IOException {
        return read(env, path, VectorFormat.libSvm(dimension > 0 ? dimension : libSvmDimension(path)));
    }

    /** {@code (position, vector)}: sorting by position gives the input order (see {@link LineInputFormat}). */
    public static DataSet<Tuple2<Long, LabeledVector>> readIndexed(ExecutionEnvironment env, String path, VectorFormat format) {
        return env.createInput(LineInputFormat.indexed(path, format.parser())).name(format.kind() + " " + path);
    }

    /** Writes {@code vectors} in {@code format} under {@code directory}, one part file per subtask. */
    public static void write(DataSet<LabeledVector> vectors, String directory, VectorFormat format) {
        vectors.map(new FormatLine(format)).returns(Types.STRING).writeAsText(directory);
    }

    /**
     * Writes the vectors of {@code rows} (read by {@link #readIndexed} from the input whose order is
     * {@code order}) in input order under {@code directory}, in parallel: each subtask receives a
     * consecutive byte range of the input ({@link InputOrder}), sorts its rows by position and writes
     * them to its part file, so the part files taken in name order hold the rows in the order of the
     * input. The data set it returns holds each subtask's number of rows written: collecting it runs the job.
     */
    public static DataSet<Long> writeInOrder(DataSet<Tuple2<Long, LabeledVector>> rows, InputOrder order, String directory,
                                             VectorFormat format) {
        return rows.partitionCustom(order, 0).sortPartition(0, Order.ASCENDING)
                .mapPartition(new WriteRows(directory, format)).returns(Types.LONG).name("write " + directory);
    }

    /** Writes a subtask's rows, in the order they come, to its part file; emits their number. */
    private static final class WriteRows extends RichGroupReduceFunction<Tuple2<Long, LabeledVector>, Long> {
        private static final long serialVersionUID = 1L;
        private final String directory;
        private final VectorFormat format;

        WriteRows(String directory, VectorFormat format) {
            this.directory = directory;
            this.format = format;
        }

        @Override
        public void reduce(Iterable<Tuple2<Long, LabeledVector>> rows, Collector<Long> out) throws IOException {
            long lines;
            try (PartLines part = PartLines.create(directory, getRuntimeContext().getIndexOfThisSubtask())) {
                for (Tuple2<Long, LabeledVector> row : rows) {
                    format.append(row.f1, part.line());
                    part.end();
                }
                lines = part.lines();
            }
            out.collect(lines);
        }
    }

    /** The features of {@code vector} as one CSV row. */
    public static String toCsv(Vector vector) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < vector.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(vector.get(i));
        }
        return b.toString();
    }

    private record FormatLine(VectorFormat format) implements MapFunction<LabeledVector, String> {
        @Override
        public String map(LabeledVector vector) {
            return format.format(vector);
        }
    }

    /** The files of {@code path}, sorted by name (see {@link HadoopPaths#listFiles}). */
    static List<String> listFiles(String path) throws IOException {
        return HadoopPaths.listFiles(path);
    }

    /** The number of features of the first row of the input; fails naming the input when it has no row. */
    public static int csvDimension(String path, boolean hasLabel) throws IOException {
        for (String file : listFiles(path)) {
            try (BufferedReader reader = HadoopPaths.openText(file)) {
                long lineNumber = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lineNumber++;
                    if (!line.isBlank() && !line.startsWith("#")) {
                        try {
                            return VectorFormat.csv(hasLabel, 0).parse(line).features().size();
                        } catch (VectorFormat.MalformedLineException e) {
                            throw new IOException("Malformed CSV line " + lineNumber + " of " + file + ": " + e.getMessage()
                                    + ". Line: " + line);
                        }
                    }
                }
            }
        }
        throw new IOException("Input " + path + " has no rows: nothing to learn from");
    }

    /** The largest feature index of the LibSVM input (its dimension). */
    public static int libSvmDimension(String path) throws IOException {
        int dimension = 0;
        VectorFormat format = VectorFormat.libSvm(0);
        for (String file : listFiles(path)) {
            try (BufferedReader reader = HadoopPaths.openText(file)) {
                long lineNumber = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lineNumber++;
                    if (!line.isBlank() && !line.startsWith("#")) {
                        try {
                            dimension = Math.max(dimension, format.parse(line).features().size());
                        } catch (VectorFormat.MalformedLineException e) {
                            throw new IOException("Malformed LIBSVM line " + lineNumber + " of " + file + ": " + e.getMessage());
                        }
                    }
                }
            }
        }
        return dimension;
    }
}
