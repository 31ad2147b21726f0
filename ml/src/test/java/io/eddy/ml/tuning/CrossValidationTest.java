package io.eddy.ml.tuning;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.ml.MlTestData;
import io.eddy.ml.evaluation.Metric;
import io.eddy.ml.evaluation.RegressionMetrics;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.ml.preprocessing.Splitter;
import io.eddy.ml.regression.MultipleLinearRegression;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CrossValidationTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    @Test
    void scoresEveryCombinationOnEveryFoldAndPicksTheBest() throws Exception {
        List<LabeledVector> rows = MlTestData.linear(200, new double[] {1.0, 2.0}, 0.5, 0.5, 21);
        DataSet<LabeledVector> data = ExecutionEnvironment.getExecutionEnvironment().setParallelism(2)
                .fromCollection(rows, LinalgTypes.LABELED_VECTOR);
        CrossValidation<MultipleLinearRegression> cv = new CrossValidation<>(MultipleLinearRegression::new, Metric.RMSE, 3, 5)
                .grid(MultipleLinearRegression.LAMBDA, 0.0, 10.0);
        List<CrossValidation.Score> scores = cv.evaluate(data);
        assertEquals(2, scores.size());
        assertEquals(Map.of("lambda", 10.0), scores.get(1).params());
        // each fold's score is the RMSE of a model fitted without that fold
        for (int f = 0; f < 3; f++) {
            Splitter.TrainTest split = Splitter.fold(data, 3, f, 5);
            double rmse = RegressionMetrics.of(new MultipleLinearRegression().set(MultipleLinearRegression.LAMBDA, 10.0)
                    .fit(split.training()).evaluate(split.test())).rmse();
            assertEquals(rmse, scores.get(1).foldScores()[f], 1e-12);
        }
        // a strong penalty shrinks the weights away from the generating ones: worse on held-out data
        assertEquals(Map.of("lambda", 0.0), cv.best(data).params());
    }
}
