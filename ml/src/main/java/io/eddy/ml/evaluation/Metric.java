package io.eddy.ml.evaluation;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.tuple.Tuple2;

/** One figure of merit of {@code (truth, prediction)} pairs, for model selection ({@code tuning}). */
public enum Metric {
    ACCURACY(true), RMSE(false), MAE(false), R2(true);

    private final boolean largerIsBetter;

    Metric(boolean largerIsBetter) {
        this.largerIsBetter = largerIsBetter;
    }

    public boolean largerIsBetter() {
        return largerIsBetter;
    }

    /** Runs one job over the pairs. */
    public double compute(DataSet<Tuple2<Double, Double>> truthAndPrediction) throws Exception {
        if (this == ACCURACY) {
            return ClassificationMetrics.of(truthAndPrediction).accuracy();
        }
        RegressionMetrics m = RegressionMetrics.of(truthAndPrediction);
        return this == RMSE ? m.rmse() : this == MAE ? m.mae() : m.r2();
    }
}
