package io.eddy.ml.io;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/**
 * Explicit ratings as text, one {@code user<TAB>item<TAB>rating} line each (user and item are long
 * ids; blanks other than tabs are accepted as separators too), read into {@code (user, item, rating)}
 * records. Empty lines and lines starting with {@code #} are skipped; a malformed line fails the job
 * with its file and line number.
 */
public final class Ratings {
    private Ratings() {}

    public static final TypeInfo<Tuple3<Long, Long, Double>> TYPE = Types.TUPLE(Types.LONG, Types.LONG, Types.DOUBLE);

    public static DataSet<Tuple3<Long, Long, Double>> read(ExecutionEnvironment env, String path) {
        return env.fromSource(LineInputFormat.source(path, new Parser()), "ratings " + path);
    }

    /** Fails naming the path when it does not exist or holds no files. */
    public static void checkExists(String path) throws java.io.IOException {
        if (VectorFiles.listFiles(path).isEmpty()) {
            throw new java.io.FileNotFoundException("Input " + path + " has no files: nothing to read");
        }
    }

    private static final class Parser implements LineInputFormat.LineParser<Tuple3<Long, Long, Double>> {
        private static final long serialVersionUID = 1L;

        @Override
        public Tuple3<Long, Long, Double> parse(String line) throws VectorFormat.MalformedLineException {
            String[] fields = line.trim().split("\\s+");
            if (fields.length != 3) {
                throw new VectorFormat.MalformedLineException("expected user<TAB>item<TAB>rating, found " + fields.length + " fields");
            }
            try {
                return Tuple3.of(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Double.parseDouble(fields[2]));
            } catch (NumberFormatException e) {
                throw new VectorFormat.MalformedLineException("user and item must be integers and the rating a number: " + e.getMessage());
            }
        }

        @Override
        public String kind() {
            return "ratings";
        }

        @Override
        public TypeInfo<Tuple3<Long, Long, Double>> type() {
            return TYPE;
        }
    }
}
