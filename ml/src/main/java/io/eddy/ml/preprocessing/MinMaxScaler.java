package io.eddy.ml.preprocessing;

import io.eddy.api.dataset.DataSet;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.pipeline.Estimator;
import io.eddy.ml.pipeline.WithParams;
import io.eddy.ml.statistics.ColumnStatistics;

/**
 * Learns to map each feature to [0, 1]: {@code (x − min) / (max − min)} with the column's minimum and
 * maximum in the training data; a constant column maps to 0. Values outside the training range map
 * outside [0, 1].
 */
public final class MinMaxScaler extends WithParams<MinMaxScaler> implements Estimator<AffineScalerModel> {
    private static final long serialVersionUID = 1L;

    @Override
    public AffineScalerModel fit(DataSet<LabeledVector> training) throws Exception {
        ColumnStatistics stats = ColumnStatistics.of(training);
        double[] min = stats.min();
        double[] max = stats.max();
        double[] range = new double[min.length];
        for (int j = 0; j < range.length; j++) {
            double r = max[j] - min[j];
            range[j] = r > 0 ? r : 1.0;
        }
        return new AffineScalerModel(min, range);
    }
}
