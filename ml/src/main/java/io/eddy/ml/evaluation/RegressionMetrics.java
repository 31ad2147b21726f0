package io.eddy.ml.evaluation;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.tuple.Tuple2;
import io.eddy.ml.statistics.PartitionSums;

/**
 * Errors of real-valued predictions, from {@code (true value, prediction)} pairs, in one job:
 * RMSE {@code sqrt(Σ(y − ŷ)²/n)}, MAE {@code Σ|y − ŷ|/n} and R² {@code 1 − Σ(y − ŷ)² / Σ(y − ȳ)²}
 * (R² is NaN when every true value is equal).
 */
public record RegressionMetrics(long count, double rmse, double mae, double r2) {
    public static RegressionMetrics of(DataSet<Tuple2<Double, Double>> truthAndPrediction) throws Exception {
        // n, Σe², Σ|e|, Σy, Σy²
        double[] s = PartitionSums.sum(truthAndPrediction, 5, (pair, sums) -> {
            double e = pair.f0 - pair.f1;
            sums[0] += 1;
            sums[1] += e * e;
            sums[2] += Math.abs(e);
            sums[3] += pair.f0;
            sums[4] += pair.f0 * pair.f0;
        });
        long n = (long) s[0];
        if (n == 0) {
            throw new IllegalArgumentException("No predictions to evaluate: the test set is empty");
        }
        double totalSquares = s[4] - s[3] * s[3] / n;
        return new RegressionMetrics(n, Math.sqrt(s[1] / n), s[2] / n, totalSquares > 0 ? 1 - s[1] / totalSquares : Double.NaN);
    }
}
