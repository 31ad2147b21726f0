package io.eddy.ml.clustering;

import io.eddy.ml.linalg.DenseVector;
import io.eddy.ml.linalg.Vector;

/**
 * Centroids as one flat array, {@code k · d} values, centroid c at {@code [c·d, (c+1)·d)}: the form in
 * which the model travels as a broadcast set (one record) through the iterations.
 */
final class Centroids {
    private Centroids() {}

    /**
     * The index of the centroid nearest to {@code x} (squared Euclidean distance, ties to the lower
     * index), and that distance in {@code distance[0]}.
     */
    static int nearest(Vector x, double[] centroids, int d, double[] distance) {
        int k = centroids.length / d;
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        if (x instanceof DenseVector dense) {
            double[] v = dense.values();
            for (int c = 0, base = 0; c < k; c++, base += d) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    double e = v[j] - centroids[base + j];
                    sum += e * e;
                }
                if (sum < bestDistance) {
                    bestDistance = sum;
                    best = c;
                }
            }
        } else {
            for (int c = 0; c < k; c++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    double e = x.get(j) - centroids[c * d + j];
                    sum += e * e;
                }
                if (sum < bestDistance) {
                    bestDistance = sum;
                    best = c;
                }
            }
        }
        distance[0] = bestDistance;
        return best;
    }

    static double[][] unflatten(double[] flat, int d) {
        double[][] out = new double[flat.length / d][];
        for (int c = 0; c < out.length; c++) {
            out[c] = java.util.Arrays.copyOfRange(flat, c * d, (c + 1) * d);
        }
        return out;
    }
}
