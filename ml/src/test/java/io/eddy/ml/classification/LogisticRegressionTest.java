package io.eddy.ml.classification;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.ml.MlTestData;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.ml.optimization.Lbfgs;
import io.eddy.ml.optimization.LbfgsState;
import io.eddy.ml.regression.LinearModel;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logistic regression against the optimum found by Newton's method in plain Java. */
@Timeout(300)
class LogisticRegressionTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    /** Objective value and gradient at {@code x = (w, b)} as in the LogisticRegression javadoc. */
    static double objective(List<LabeledVector> data, double[] x, double lambda, double[] gradient) {
        int d = x.length - 1;
        java.util.Arrays.fill(gradient, 0);
        double f = 0;
        for (LabeledVector v : data) {
            double y = v.label() == 1 ? 1 : -1;
            double m = x[d];
            for (int j = 0; j < d; j++) {
                m += x[j] * v.features().get(j);
            }
            f += Math.log1p(Math.exp(-y * m)) / data.size();
            double g = -y / (1 + Math.exp(y * m)) / data.size();
            for (int j = 0; j < d; j++) {
                gradient[j] += g * v.features().get(j);
            }
            gradient[d] += g;
        }
        for (int j = 0; j < d; j++) {
            f += lambda / 2 * x[j] * x[j];
            gradient[j] += lambda * x[j];
        }
        return f;
    }

    /** Newton's method with the exact Hessian, to a gradient norm of 1e-13. */
    static double[] newton(List<LabeledVector> data, double lambda) {
        int d = data.get(0).features().size();
        double[] x = new double[d + 1];
        double[] g = new double[d + 1];
        for (int it = 0; it < 100; it++) {
            objective(data, x, lambda, g);
            double norm = 0;
            for (double v : g) {
                norm += v * v;
            }
            if (Math.sqrt(norm) < 1e-13) {
                break;
            }
            double[][] h = new double[d + 1][d + 1];
            for (LabeledVector v : data) {
                double m = x[d];
                for (int j = 0; j < d; j++) {
                    m += x[j] * v.features().get(j);
                }
                double p = 1 / (1 + Math.exp(-m));
                double w = p * (1 - p) / data.size();
                for (int i = 0; i <= d; i++) {
                    double xi = i == d ? 1 : v.features().get(i);
                    for (int j = 0; j <= d; j++) {
                        h[i][j] += w * xi * (j == d ? 1 : v.features().get(j));
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                h[j][j] += lambda;
            }
            double[] step = MlTestData.gaussianElimination(h, g.clone());
            for (int i = 0; i <= d; i++) {
                x[i] -= step[i];
            }
        }
        return x;
    }

    @Test
    void lbfgsStepsReachTheNewtonOptimum() {
        List<LabeledVector> data = MlTestData.twoClasses(300, 3, 0.7, 2);
        double lambda = 0.01;
        Lbfgs lbfgs = new Lbfgs(10, 1e-10);
        LbfgsState state = LbfgsState.start(new double[4]);
        double[] g = new double[4];
        int evaluations = 0;
        while (!state.done() && evaluations < 500) {
            double f = objective(data, state.trial(), lambda, g);
            state = lbfgs.next(state, f, g.clone());
            evaluations++;
        }
        assertTrue(state.done(), "converged in " + evaluations + " evaluations");
        assertArrayEquals(newton(data, lambda), state.x(), 1e-8);
    }

    @ParameterizedTest
    @CsvSource({"1, 0.01", "2, 0.01", "2, 0.0"})
    void trainsToTheOptimumOnTheCluster(int parallelism, double lambda) throws Exception {
        List<LabeledVector> data = MlTestData.twoClasses(400, 3, 0.5, 4);
        DataSet<LabeledVector> training = ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism)
                .fromCollection(data, LinalgTypes.LABELED_VECTOR);
        LinearModel model = new LogisticRegression().set(LogisticRegression.LAMBDA, lambda).fit(training);
        double[] expected = newton(data, lambda);
        assertArrayEquals(java.util.Arrays.copyOf(expected, 3), model.weights(), 1e-4);
        assertEquals(expected[3], model.intercept(), 1e-4);
        double[] g = new double[4];
        double[] x = java.util.Arrays.copyOf(model.weights(), 4);
        x[3] = model.intercept();
        objective(data, x, lambda, g);
        double norm = 0;
        for (double v : g) {
            norm += v * v;
        }
        assertTrue(Math.sqrt(norm) < 1e-8, "gradient norm at the model " + Math.sqrt(norm));
        assertTrue(model.classifier());
    }
}
