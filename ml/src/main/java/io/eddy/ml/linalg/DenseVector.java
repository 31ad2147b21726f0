package io.eddy.ml.linalg;

import java.util.Arrays;

/** A vector that stores every entry in one array (shared, not copied: see {@link #values()}). */
public final class DenseVector implements Vector {
    private static final long serialVersionUID = 1L;

    private final double[] values;

    public DenseVector(double... values) {
        this.values = values;
    }

    public static DenseVector zeros(int size) {
        return new DenseVector(new double[size]);
    }

    /** The backing array: changes to it change this vector. */
    public double[] values() {
        return values;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public double get(int index) {
        return values[index];
    }

    @Override
    public double dot(double[] weights) {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * weights[i];
        }
        return sum;
    }

    @Override
    public void addTo(double[] target, double scale) {
        for (int i = 0; i < values.length; i++) {
            target[i] += scale * values[i];
        }
    }

    @Override
    public int numStored() {
        return values.length;
    }

    @Override
    public int storedIndex(int k) {
        return k;
    }

    @Override
    public double storedValue(int k) {
        return values[k];
    }

    @Override
    public DenseVector toDense() {
        return new DenseVector(values.clone());
    }

    @Override
    public double squaredDistance(double[] other) {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - other[i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseVector d && Arrays.equals(values, d.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
