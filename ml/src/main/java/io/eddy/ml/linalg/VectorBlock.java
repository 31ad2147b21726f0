package io.eddy.ml.linalg;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;

import java.util.Arrays;

/**
 * Many vectors of one dimension in one record, the blocked (mini-batch) form of a data set that an
 * iteration reads every superstep: one record of a few arrays to keep and read back instead of three
 * objects per vector. Dense ({@code start == null}): row i is {@code values[i·dimension, (i+1)·dimension)}.
 * Sparse (compressed rows): row i has the entries {@code start[i] .. start[i+1] − 1} of
 * {@code indices} and {@code values}. A block is sparse when any of its vectors is.
 * Built partition by partition ({@link Cut}).
 */
public record VectorBlock(int rows, int dimension, double[] values, int[] start, int[] indices) {
    /** Rows per block: about 64 K values (512 KB) of dense data. */
    public static int rowsPerBlock(int dimension) {
        return Math.max(1, (1 << 16) / Math.max(1, dimension));
    }

    /** Row {@code i} as dense coordinates in {@code target} (a sparse row is written out in full). */
    public void copyRow(int i, double[] target) {
        if (start == null) {
            System.arraycopy(values, i * dimension, target, 0, dimension);
        } else {
            Arrays.fill(target, 0, dimension, 0);
            for (int e = start[i]; e < start[i + 1]; e++) {
                target[indices[e]] = values[e];
            }
        }
    }

    /**
     * Cuts a partition's labeled vectors (labels dropped) into blocks of {@link #rowsPerBlock} rows, in
     * order. The entries are copied as they come (the input may reuse its objects); a block of dense
     * vectors only drops the indices, which are then 0..d−1 in every row.
     */
    public static final class Cut implements GroupReduceFunction<LabeledVector, VectorBlock> {
        @Override
        public void reduce(Iterable<LabeledVector> vectors, Collector<VectorBlock> out) {
            int dimension = -1;
            int perBlock = 0;
            int rows = 0;
            int entries = 0;
            boolean dense = true;
            double[] values = new double[0];
            int[] indices = new int[0];
            int[] start = new int[0];
            for (LabeledVector v : vectors) {
                Vector x = v.features();
                if (dimension < 0) {
                    dimension = x.size();
                    perBlock = rowsPerBlock(dimension);
                    start = new int[perBlock + 1];
                    values = new double[perBlock * Math.max(1, dimension)];
                    indices = new int[values.length];
                } else if (x.size() != dimension) {
                    throw new IllegalArgumentException("Vectors of different dimensions in the data: " + dimension
                            + " and " + x.size());
                }
                int stored = x.numStored();
                if (entries + stored > values.length) {
                    values = Arrays.copyOf(values, Math.max(2 * values.length, entries + stored));
                    indices = Arrays.copyOf(indices, values.length);
                }
                for (int k = 0; k < stored; k++) {
                    indices[entries + k] = x.storedIndex(k);
                    values[entries + k] = x.storedValue(k);
                }
                dense &= x instanceof DenseVector;
                entries += stored;
                start[++rows] = entries;
                if (rows == perBlock) {
                    out.collect(block(rows, dimension, dense, values, indices, start, entries));
                    rows = 0;
                    entries = 0;
                    dense = true;
                }
            }
            if (rows > 0) {
                out.collect(block(rows, dimension, dense, values, indices, start, entries));
            }
        }

        private static VectorBlock block(int rows, int dimension, boolean dense, double[] values, int[] indices,
                                         int[] start, int entries) {
            return dense ? new VectorBlock(rows, dimension, Arrays.copyOf(values, entries), null, null)
                    : new VectorBlock(rows, dimension, Arrays.copyOf(values, entries), Arrays.copyOf(start, rows + 1),
                    Arrays.copyOf(indices, entries));
        }
    }
}
