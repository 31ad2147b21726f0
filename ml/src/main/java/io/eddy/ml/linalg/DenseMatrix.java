package io.eddy.ml.linalg;

import java.io.Serializable;
import java.util.Arrays;

/** A {@code rows × cols} matrix of doubles stored row by row in one array. */
public final class DenseMatrix implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int cols;
    private final double[] values;

    public DenseMatrix(int rows, int cols, double[] values) {
        if (values.length != rows * cols) {
            throw new IllegalArgumentException("A " + rows + "x" + cols + " matrix needs " + rows * cols
                    + " values, got " + values.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.values = values;
    }

    public static DenseMatrix zeros(int rows, int cols) {
        return new DenseMatrix(rows, cols, new double[rows * cols]);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The backing array, row-major: entry (i, j) at {@code i * cols + j}. */
    public double[] values() {
        return values;
    }

    public double get(int row, int col) {
        return values[row * cols + col];
    }

    public void set(int row, int col, double value) {
        values[row * cols + col] = value;
    }

    public void add(int row, int col, double value) {
        values[row * cols + col] += value;
    }

    /** {@code this · x}. */
    public double[] multiply(double[] x) {
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += values[i * cols + j] * x[j];
            }
            y[i] = sum;
        }
        return y;
    }

    /**
     * Solves {@code this · x = b} for a symmetric positive definite matrix by Cholesky
     * decomposition (the lower triangle is read). Throws when the matrix is not positive definite,
     * e.g. when a feature is constant or a linear combination of others and no regularization is set.
     */
    public double[] solveSymmetricPositiveDefinite(double[] b) {
        int n = rows;
        if (n != cols || b.length != n) {
            throw new IllegalArgumentException("Cannot solve a " + rows + "x" + cols + " system with " + b.length + " right-hand sides");
        }
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = values[i * n + j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new ArithmeticException("The matrix is not positive definite (pivot " + i + " is " + sum
                                + "): the features are linearly dependent or constant; add regularization (lambda > 0) "
                                + "or remove the dependent features");
                    }
                    l[i * n + i] = Math.sqrt(sum);
                } else {
                    l[i * n + j] = sum / l[j * n + j];
                }
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i * n + k] * y[k];
            }
            y[i] = sum / l[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k * n + i] * x[k];
            }
            x[i] = sum / l[i * n + i];
        }
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(values, m.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return rows + "x" + cols + Arrays.toString(values);
    }
}
