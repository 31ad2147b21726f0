package io.eddy.ml.io;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.Order;
import io.eddy.api.functions.MapFunction;
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
     * Writes the vectors of {@code rows} (read by {@link #readIndexed} from {@code files} input files) in
     * input order under {@code directory}: the part files, taken in the order of their numbers, hold the
     * rows in the order of the input. Each subtask receives the rows of a consecutive range of input
     * files, sorts them by position, and writes them to its part file.
     */
    public static void writeInOrder(DataSet<Tuple2<Long, LabeledVector>> rows, int files, String directory, VectorFormat format) {
        rows.partitionCustom(new ByFileRange(files), 0).sortPartition(0, Order.ASCENDING)
                .map(new FormatPositionedLine(format)).returns(Types.STRING)
                .writeAsText(directory);
    }

    /** The number of files of {@code path} that a reader reads. */
    public static int fileCount(String path) throws IOException {
        return listFiles(path).size();
    }

    /** Input file {@code f} of {@code files} goes to partition {@code f · partitions / files}: ranges in order. */
    private record ByFileRange(int files) implements io.eddy.api.functions.Partitioner<Object> {
        @Override
        public int partition(Object position, int partitions) {
            long file = (Long) position >>> 40;
            return (int) (file * partitions / files);
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

    private record FormatPositionedLine(VectorFormat format) implements MapFunction<Tuple2<Long, LabeledVector>, String> {
        @Override
        public String map(Tuple2<Long, LabeledVector> row) {
            return format.format(row.f1);
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
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        try {
                            return VectorFormat.csv(hasLabel, 0).parse(line).features().size();
                        } catch (VectorFormat.MalformedLineException e) {
                            throw new IOException("Malformed CSV line of " + file + ": " + e.getMessage() + ". Line: " + line);
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
