package io.eddy.ml.classification;

import io.eddy.ml.linalg.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * The points of one partition of a {@link LinearSvm}'s training set in compressed sparse rows, with
 * their dual variables: the unit of CoCoA's local work. Row {@code i} has the label
 * {@code labels[i]} ∈ {−1, +1}, the entries {@code start[i] .. start[i+1] − 1} of {@code indices} and
 * {@code values}, and the dual variable {@code alpha[i]} ∈ [0, 1]. Immutable once built: a round
 * emits a new block with new dual variables.
 *
 * @param id        the block's number, 0 .. blocks − 1 (seeds its visiting order)
 * @param dimension the number of features (0 for an empty block)
 */
public record SvmBlock(int id, int dimension, double[] labels, int[] start, int[] indices, double[] values, double[] alpha) {

    public int rows() {
        return labels.length;
    }

    /** {@code w · x_i}. */
    double dot(int i, double[] w) {
        double sum = 0;
        for (int e = start[i]; e < start[i + 1]; e++) {
            sum += w[indices[e]] * values[e];
        }
        return sum;
    }

    /** {@code target += scale · x_i}. */
    void addTo(int i, double[] target, double scale) {
        for (int e = start[i]; e < start[i + 1]; e++) {
            target[indices[e]] += scale * values[e];
        }
    }

    double normSquared(int i) {
        double sum = 0;
        for (int e = start[i]; e < start[i + 1]; e++) {
            sum += values[e] * values[e];
        }
        return sum;
    }

    SvmBlock withAlpha(double[] newAlpha) {
        return new SvmBlock(id, dimension, labels, start, indices, values, newAlpha);
    }

    /** Collects the points of a partition; labels 1 become +1, every other label −1. */
    static final class Builder {
        private final List<double[]> rows = new ArrayList<>();
        private final List<int[]> rowIndices = new ArrayList<>();
        private final List<Double> labels = new ArrayList<>();
        private int dimension = -1;
        private int entries;

        void add(double label, Vector x) {
            if (dimension >= 0 && x.size() != dimension) {
                throw new IllegalArgumentException("Vectors of different dimensions in the training set: " + dimension
                        + " and " + x.size());
            }
            dimension = x.size();
            int stored = x.numStored();
            double[] v = new double[stored];
            int[] idx = new int[stored];
            for (int k = 0; k < stored; k++) {
                idx[k] = x.storedIndex(k);
                v[k] = x.storedValue(k);
            }
            rows.add(v);
            rowIndices.add(idx);
            labels.add(label == 1 ? 1.0 : -1.0);
            entries += stored;
        }

        SvmBlock build(int id) {
            int n = rows.size();
            double[] y = new double[n];
            int[] start = new int[n + 1];
            int[] indices = new int[entries];
            double[] values = new double[entries];
            for (int i = 0; i < n; i++) {
                y[i] = labels.get(i);
                System.arraycopy(rowIndices.get(i), 0, indices, start[i], rowIndices.get(i).length);
                System.arraycopy(rows.get(i), 0, values, start[i], rows.get(i).length);
                start[i + 1] = start[i] + rows.get(i).length;
            }
            return new SvmBlock(id, Math.max(dimension, 0), y, start, indices, values, new double[n]);
        }
    }
}
