package io.eddy.ml.preprocessing;

import io.eddy.api.dataset.DataSet;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.pipeline.Estimator;
import io.eddy.ml.pipeline.WithParams;
import io.eddy.ml.statistics.ColumnStatistics;

/**
 * Learns to standardize each feature: {@code (x − mean) / s} with the column's mean and its sample
 * standard deviation {@code s} (divided by n − 1); a constant column ({@code s = 0}) is divided by 1,
 * so it becomes 0. One job computes the statistics ({@link ColumnStatistics}).
 */
public final class StandardScaler extends WithParams<StandardScaler> implements Estimator<AffineScalerModel> {
    private static final long serialVersionUID = 1L;

    @Override
    public AffineScalerModel fit(DataSet<LabeledVector> training) throws Exception {
        ColumnStatistics stats = ColumnStatistics.of(training);
        double[] variance = stats.sampleVariance();
        double[] scale = new double[variance.length];
        for (int j = 0; j < scale.length; j++) {
            double s = Math.sqrt(variance[j]);
            scale[j] = s > 0 ? s : 1.0;
        }
        return new AffineScalerModel(stats.mean(), scale);
    }
}
