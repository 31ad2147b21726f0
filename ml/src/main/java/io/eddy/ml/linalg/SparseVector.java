package io.eddy.ml.linalg;

import java.util.Arrays;

/**
 * A vector that stores its non-zero entries only: {@code indices} strictly increasing, each below
 * {@code size}, with {@code values} at the same positions. The constructor checks the invariant.
 */
public final class SparseVector implements Vector {
    private static final long serialVersionUID = 1L;

    private final int size;
    private final int[] indices;
    private final double[] values;

    public SparseVector(int size, int[] indices, double[] values) {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("A sparse vector needs one value per index: " + indices.length
                    + " indices, " + values.length + " values");
        }
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= size || (k > 0 && indices[k] <= indices[k - 1])) {
                throw new IllegalArgumentException("Sparse vector indices must increase strictly within [0, " + size
                        + "): " + Arrays.toString(indices));
            }
        }
        this.size = size;
        this.indices = indices;
        this.values = values;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public double get(int index) {
        int k = Arrays.binarySearch(indices, index);
        return k >= 0 ? values[k] : 0.0;
    }

    @Override
    public double dot(double[] weights) {
        double sum = 0;
        for (int k = 0; k < indices.length; k++) {
            sum += values[k] * weights[indices[k]];
        }
        return sum;
    }

    @Override
    public void addTo(double[] target, double scale) {
        for (int k = 0; k < indices.length; k++) {
            target[indices[k]] += scale * values[k];
        }
    }

    @Override
    public int numStored() {
        return indices.length;
    }

    @Override
    public int storedIndex(int k) {
        return indices[k];
    }

    @Override
    public double storedValue(int k) {
        return values[k];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseVector s && s.size == size && Arrays.equals(indices, s.indices)
                && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * size + Arrays.hashCode(indices)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "(" + size + "," + Arrays.toString(indices) + "," + Arrays.toString(values) + ")";
    }
}
