package io.eddy.ml.clustering;

import io.eddy.ml.linalg.DenseVector;
import io.eddy.ml.linalg.Vector;

/**
 * Centroids as one flat array, {@code k · d} values, centroid c at {@code [c·d, (c+1)·d)}: the form the
 * tasks use, built from the broadcast set of centroid records {@code (id, coordinates)} once per
 * superstep.
 */
final class Centroids {
    private Centroids() {}

    /** The centroids of records {@code (id, coordinates)} with ids 0..k−1, in id order. */
    static double[] flatById(java.util.List<io.eddy.api.tuple.Tuple2<Integer, double[]>> records) {
        int k = records.size();
        int d = records.get(0).f1.length;
        double[] flat = new double[k * d];
        for (io.eddy.api.tuple.Tuple2<Integer, double[]> r : records) {
            System.arraycopy(r.f1, 0, flat, r.f0 * d, d);
        }
        return flat;
    }

    /**
     * The points of a broadcast set as one flat array in lexicographic order: the same order in every
     * subtask, whatever order the set's records arrived in.
     */
    static double[] sortedRows(java.util.List<double[]> rows) {
        double[][] sorted = rows.toArray(new double[0][]);
        java.util.Arrays.sort(sorted, java.util.Arrays::compare);
        int d = sorted.length == 0 ? 0 : sorted[0].length;
        double[] flat = new double[sorted.length * d];
        for (int i = 0; i < sorted.length; i++) {
            System.arraycopy(sorted[i], 0, flat, i * d, d);
        }
        return flat;
    }

    /**
     * The index of the centroid nearest to {@code x} (squared Euclidean distance, ties to the lower
     * index), and that distance in {@code distance[0]}.
     */
    static int nearest(Vector x, double[] centroids, int d, double[] distance) {
        int k = centroids.length / d;
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        if (x instanceof DenseVector dense) {
            return nearest(dense.values(), 0, centroids, d, distance);
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

    /** {@link #nearest(Vector, double[], int, double[])} of the point at {@code x[offset, offset + d)}. */
    static int nearest(double[] x, int offset, double[] centroids, int d, double[] distance) {
        int k = centroids.length / d;
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0, base = 0; c < k; c++, base += d) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                double e = x[offset + j] - centroids[base + j];
                sum += e * e;
            }
            if (sum < bestDistance) {
                bestDistance = sum;
                best = c;
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
