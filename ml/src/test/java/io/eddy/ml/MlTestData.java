package io.eddy.ml;

import io.eddy.ml.linalg.DenseVector;
import io.eddy.ml.linalg.LabeledVector;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small seeded data sets for the tests, and the plain-Java linear algebra the tests check against. */
public final class MlTestData {
    private MlTestData() {}

    /** {@code y = w·x + b + noise} with d features drawn uniformly from [-2, 2). */
    public static List<LabeledVector> linear(int n, double[] w, double b, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LabeledVector> data = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[w.length];
            double y = b;
            for (int j = 0; j < x.length; j++) {
                x[j] = random.nextDouble(-2, 2);
                y += w[j] * x[j];
            }
            data.add(new LabeledVector(y + noise * random.nextGaussian(), new DenseVector(x)));
        }
        return data;
    }

    /** Two overlapping Gaussian classes 0/1 around ±{@code shift} in every dimension. */
    public static List<LabeledVector> twoClasses(int n, int d, double shift, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LabeledVector> data = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(2);
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                x[j] = random.nextGaussian() + (label == 1 ? shift : -shift);
            }
            data.add(new LabeledVector(label, new DenseVector(x)));
        }
        return data;
    }

    /** Solves {@code a·x = b} by Gaussian elimination with partial pivoting (a and b are overwritten). */
    public static double[] gaussianElimination(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] row = a[col];
            a[col] = a[pivot];
            a[pivot] = row;
            double t = b[col];
            b[col] = b[pivot];
            b[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) {
                    a[r][c] -= f * a[col][c];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
