package io.eddy.ml.statistics;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.Vector;

import java.util.List;

/**
 * Per feature column of a data set: count, mean, sum of squared deviations from the mean, minimum
 * and maximum. Each partition computes them in one pass (Welford's update, stable for large
 * means); the client merges the partitions' results (Chan et al.'s pairwise formula), so one job
 * computes them.
 */
public final class ColumnStatistics {
    private final long count;
    private final double[] mean;
    private final double[] squaredDeviations;
    private final double[] min;
    private final double[] max;

    private ColumnStatistics(long count, double[] mean, double[] squaredDeviations, double[] min, double[] max) {
        this.count = count;
        this.mean = mean;
        this.squaredDeviations = squaredDeviations;
        this.min = min;
        this.max = max;
    }

    /** Runs one job over {@code data}; fails when it is empty. */
    public static ColumnStatistics of(DataSet<LabeledVector> data) throws Exception {
        List<double[]> partitions = data.mapPartition(new PartitionStatistics()).returns(io.eddy.api.types.Types.DOUBLE_ARRAY).collect();
        ColumnStatistics all = null;
        for (double[] p : partitions) {
            ColumnStatistics s = decode(p);
            all = all == null ? s : all.merge(s);
        }
        if (all == null || all.count == 0) {
            throw new IllegalArgumentException("The data set is empty: there is nothing to compute statistics of");
        }
        return all;
    }

    public long count() {
        return count;
    }

    public int dimension() {
        return mean.length;
    }

    public double[] mean() {
        return mean.clone();
    }

    /** The sample variance (divided by n − 1; 0 for one row). */
    public double[] sampleVariance() {
        double[] v = new double[mean.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = count > 1 ? squaredDeviations[j] / (count - 1) : 0.0;
        }
        return v;
    }

    public double[] min() {
        return min.clone();
    }

    public double[] max() {
        return max.clone();
    }

    private ColumnStatistics merge(ColumnStatistics other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        if (other.mean.length != mean.length) {
            throw new IllegalArgumentException("Vectors of different dimensions in one data set: " + mean.length + " and "
                    + other.mean.length);
        }
        long n = count + other.count;
        double[] m = new double[mean.length];
        double[] s = new double[mean.length];
        double[] lo = new double[mean.length];
        double[] hi = new double[mean.length];
        for (int j = 0; j < m.length; j++) {
            double delta = other.mean[j] - mean[j];
            m[j] = mean[j] + delta * other.count / n;
            s[j] = squaredDeviations[j] + other.squaredDeviations[j] + delta * delta * ((double) count * other.count / n);
            lo[j] = Math.min(min[j], other.min[j]);
            hi[j] = Math.max(max[j], other.max[j]);
        }
        return new ColumnStatistics(n, m, s, lo, hi);
    }

    /** {@code [count, mean…, squaredDeviations…, min…, max…]}. */
    private static ColumnStatistics decode(double[] p) {
        int d = (p.length - 1) / 4;
        return new ColumnStatistics((long) p[0], java.util.Arrays.copyOfRange(p, 1, 1 + d),
                java.util.Arrays.copyOfRange(p, 1 + d, 1 + 2 * d), java.util.Arrays.copyOfRange(p, 1 + 2 * d, 1 + 3 * d),
                java.util.Arrays.copyOfRange(p, 1 + 3 * d, 1 + 4 * d));
    }

    private static final class PartitionStatistics implements GroupReduceFunction<LabeledVector, double[]> {
        @Override
        public void reduce(Iterable<LabeledVector> values, Collector<double[]> out) {
            long n = 0;
            double[] mean = null, s = null, lo = null, hi = null;
            for (LabeledVector lv : values) {
                Vector x = lv.features();
                if (mean == null) {
                    int d = x.size();
                    mean = new double[d];
                    s = new double[d];
                    lo = new double[d];
                    hi = new double[d];
                    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
                    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
                } else if (x.size() != mean.length) {
                    throw new IllegalArgumentException("Vectors of different dimensions in one data set: " + mean.length
                            + " and " + x.size());
                }
                n++;
                for (int j = 0; j < mean.length; j++) {
                    double v = x.get(j);
                    double delta = v - mean[j];
                    mean[j] += delta / n;
                    s[j] += delta * (v - mean[j]);
                    lo[j] = Math.min(lo[j], v);
                    hi[j] = Math.max(hi[j], v);
                }
            }
            if (n > 0) {
                int d = mean.length;
                double[] p = new double[1 + 4 * d];
                p[0] = n;
                System.arraycopy(mean, 0, p, 1, d);
                System.arraycopy(s, 0, p, 1 + d, d);
                System.arraycopy(lo, 0, p, 1 + 2 * d, d);
                System.arraycopy(hi, 0, p, 1 + 3 * d, d);
                out.collect(p);
            }
        }
    }
}
