package io.eddy.ml.io;

import io.eddy.ml.linalg.DenseVector;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.SparseVector;

import java.io.Serializable;

/**
 * How a line of text holds one labeled vector.
 *
 * <ul>
 *   <li>{@code CSV}: {@code f1,…,fd,label}, or {@code f1,…,fd} without a label (the label is then
 *       {@code NaN}); read as a {@link DenseVector} of {@code d} entries.</li>
 *   <li>{@code LIBSVM}: {@code label index:value index:value …} with 1-based, strictly increasing
 *       indices, separated by blanks; read as a {@link SparseVector} of {@code dimension} entries
 *       (feature {@code index} is entry {@code index - 1}).</li>
 * </ul>
 *
 * Every line of an input must have the {@code dimension} given here (when it is not 0).
 */
public record VectorFormat(Kind kind, boolean hasLabel, int dimension) implements Serializable {
    public enum Kind { CSV, LIBSVM }

    public static VectorFormat csv(boolean hasLabel, int dimension) {
        return new VectorFormat(Kind.CSV, hasLabel, dimension);
    }

    public static VectorFormat libSvm(int dimension) {
        return new VectorFormat(Kind.LIBSVM, true, dimension);
    }

    /** Thrown for a line that does not parse; the caller adds where the line is. */
    public static final class MalformedLineException extends Exception {
        MalformedLineException(String message) {
            super(message, null, false, false);
        }
    }

    /** This format as the line parser of {@link LineInputFormat}. */
    LineInputFormat.LineParser<LabeledVector> parser() {
        return new Parser(this);
    }

    private record Parser(VectorFormat format) implements LineInputFormat.LineParser<LabeledVector> {
        @Override
        public LabeledVector parse(String line) throws MalformedLineException {
            return format.parse(line);
        }

        @Override
        public String kind() {
            return format.kind().toString();
        }

        @Override
        public io.eddy.api.types.TypeInfo<LabeledVector> type() {
            return io.eddy.ml.linalg.LinalgTypes.LABELED_VECTOR;
        }
    }

    /** Parses one non-empty line. */
    public LabeledVector parse(String line) throws MalformedLineException {
        return kind == Kind.CSV ? parseCsv(line) : parseLibSvm(line);
    }

    private LabeledVector parseCsv(String line) throws MalformedLineException {
        int columns = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ',') {
                columns++;
            }
        }
        int features = hasLabel ? columns - 1 : columns;
        if (features < 1) {
            throw new MalformedLineException("a CSV row needs at least one feature" + (hasLabel ? " and a label" : "")
                    + ", found " + columns + " column(s)" + (hasLabel ? " (for files without labels use --no-label)" : ""));
        }
        if (dimension > 0 && features != dimension) {
            throw new MalformedLineException("the row has " + features + " features, the input has " + dimension
                    + " (the first row decides)");
        }
        double[] values = new double[features];
        double label = Double.NaN;
        int start = 0;
        for (int c = 0; c < columns; c++) {
            int end = line.indexOf(',', start);
            if (end < 0) {
                end = line.length();
            }
            double v = number(line, start, end, c);
            if (c < features) {
                values[c] = v;
            } else {
                label = v;
            }
            start = end + 1;
        }
        return new LabeledVector(label, new DenseVector(values));
    }

    private LabeledVector parseLibSvm(String line) throws MalformedLineException {
        String[] tokens = line.trim().split("\\s+");
        double label = number(tokens[0], 0, tokens[0].length(), 0);
        int[] indices = new int[tokens.length - 1];
        double[] values = new double[tokens.length - 1];
        for (int t = 1; t < tokens.length; t++) {
            String token = tokens[t];
            int colon = token.indexOf(':');
            if (colon <= 0) {
                throw new MalformedLineException("'" + token + "' is not index:value");
            }
            int index;
            try {
                index = Integer.parseInt(token.substring(0, colon));
            } catch (NumberFormatException e) {
                throw new MalformedLineException("'" + token.substring(0, colon) + "' is not a feature index");
            }
            if (index < 1 || (t > 1 && index - 1 <= indices[t - 2])) {
                throw new MalformedLineException("feature indices must be at least 1 and increase strictly, found " + index
                        + (t > 1 ? " after " + (indices[t - 2] + 1) : ""));
            }
            if (dimension > 0 && index > dimension) {
                throw new MalformedLineException("feature index " + index + " exceeds the dimension " + dimension);
            }
            indices[t - 1] = index - 1;
            values[t - 1] = number(token, colon + 1, token.length(), t);
        }
        int size = dimension > 0 ? dimension : indices.length == 0 ? 0 : indices[indices.length - 1] + 1;
        return new LabeledVector(label, new SparseVector(size, indices, values));
    }

    private static double number(String line, int start, int end, int column) throws MalformedLineException {
        String field = line.substring(start, end).trim();
        try {
            return Double.parseDouble(field);
        } catch (NumberFormatException e) {
            throw new MalformedLineException("field " + (column + 1) + " ('" + field + "') is not a number");
        }
    }

    /** The line of {@code vector} in this format ({@code label} written when the format has labels). */
    public String format(LabeledVector vector) {
        StringBuilder b = new StringBuilder();
        append(vector, b);
        return b.toString();
    }

    /** Appends the line of {@code vector} in this format, without a line break, to {@code b}. */
    public void append(LabeledVector vector, StringBuilder b) {
        if (kind == Kind.CSV) {
            for (int i = 0; i < vector.features().size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(vector.features().get(i));
            }
            if (hasLabel) {
                b.append(',').append(vector.label());
            }
        } else {
            b.append(vector.label());
            for (int k = 0; k < vector.features().numStored(); k++) {
                b.append(' ').append(vector.features().storedIndex(k) + 1).append(':').append(vector.features().storedValue(k));
            }
        }
    }

    @Override
    public String toString() {
        return kind + (hasLabel ? "" : " without label") + (dimension > 0 ? " of dimension " + dimension : "");
    }
}
