package io.eddy.ml.regression;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.ml.MlTestData;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gradient descent on the cluster against the same steps in plain Java, and towards the ridge optimum. */
@Timeout(300)
class SgdLinearRegressionTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    /** The full-batch steps of the SgdLinearRegression javadoc; returns w followed by b. */
    static double[] descend(List<LabeledVector> data, int steps, double eta0, String schedule, double lambda) {
        int d = data.get(0).features().size();
        double[] x = new double[d + 1];
        for (int t = 1; t <= steps; t++) {
            double[] g = new double[d + 1];
            for (LabeledVector v : data) {
                double e = x[d] - v.label();
                for (int j = 0; j < d; j++) {
                    e += x[j] * v.features().get(j);
                }
                for (int j = 0; j < d; j++) {
                    g[j] += e * v.features().get(j);
                }
                g[d] += e;
            }
            double eta = SgdLinearRegression.learningRate(eta0, schedule, t);
            for (int j = 0; j < d; j++) {
                x[j] -= eta * (g[j] / data.size() + lambda * x[j]);
            }
            x[d] -= eta * g[d] / data.size();
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void fullBatchStepsEqualThePlainJavaSteps(int parallelism) throws Exception {
        List<LabeledVector> data = MlTestData.linear(300, new double[] {1.5, -0.5}, 2.0, 0.1, 12);
        LinearModel model = new SgdLinearRegression().set(SgdLinearRegression.ITERATIONS, 30)
                .set(SgdLinearRegression.LEARNING_RATE, 0.3).set(SgdLinearRegression.SCHEDULE, "constant")
                .set(SgdLinearRegression.LAMBDA, 0.05)
                .fit(ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism)
                        .fromCollection(data, LinalgTypes.LABELED_VECTOR));
        double[] expected = descend(data, 30, 0.3, "constant", 0.05);
        assertArrayEquals(new double[] {expected[0], expected[1]}, model.weights(), 1e-9);
        assertEquals(expected[2], model.intercept(), 1e-9);
    }

    @Test
    void manyStepsApproachTheRidgeOptimumAndMiniBatchesStayClose() throws Exception {
        List<LabeledVector> data = MlTestData.linear(300, new double[] {1.5, -0.5}, 2.0, 0.1, 13);
        double[] optimum = MultipleLinearRegressionTest.ridgeOptimum(data, 0.05);
        LinearModel full = new SgdLinearRegression().set(SgdLinearRegression.ITERATIONS, 150)
                .set(SgdLinearRegression.LEARNING_RATE, 0.4).set(SgdLinearRegression.SCHEDULE, "constant")
                .set(SgdLinearRegression.LAMBDA, 0.05)
                .fit(ExecutionEnvironment.getExecutionEnvironment().setParallelism(2).fromCollection(data, LinalgTypes.LABELED_VECTOR));
        assertArrayEquals(new double[] {optimum[0], optimum[1]}, full.weights(), 1e-6);
        assertEquals(optimum[2], full.intercept(), 1e-6);
        LinearModel mini = new SgdLinearRegression().set(SgdLinearRegression.ITERATIONS, 150)
                .set(SgdLinearRegression.LEARNING_RATE, 0.4).set(SgdLinearRegression.MINI_BATCH_FRACTION, 0.3)
                .set(SgdLinearRegression.LAMBDA, 0.05)
                .fit(ExecutionEnvironment.getExecutionEnvironment().setParallelism(2).fromCollection(data, LinalgTypes.LABELED_VECTOR));
        assertTrue(Math.abs(mini.weights()[0] - optimum[0]) < 0.05, "mini-batch weight " + mini.weights()[0]);
    }
}
