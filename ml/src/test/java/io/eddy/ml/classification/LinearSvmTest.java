package io.eddy.ml.classification;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.ml.MlTestData;
import io.eddy.ml.linalg.DenseVector;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.ml.regression.LinearModel;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CoCoA SVM against an independent solver: SMO (pairs of dual variables under the equality
 * constraint Σ αᵢyᵢ = 0 that the unpenalised intercept brings) run to a KKT violation of 1e-10, then
 * the intercept that minimises the primal exactly over all hinge breakpoints.
 */
@Timeout(300)
public class LinearSvmTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    static double y(LabeledVector v) {
        return v.label() == 1 ? 1 : -1;
    }

    /** P(w, b) of the LinearSvm javadoc. */
    public static double objective(List<LabeledVector> data, double[] w, double b, double lambda) {
        double f = 0;
        for (double v : w) {
            f += lambda / 2 * v * v;
        }
        for (LabeledVector v : data) {
            f += Math.max(0, 1 - y(v) * (v.features().dot(w) + b)) / data.size();
        }
        return f;
    }

    /** {@code [w…, b]} at the optimum: SMO with the maximal violating pair on the dual of C = 1/(λn). */
    public static double[] smo(List<LabeledVector> data, double lambda) {
        int n = data.size();
        int d = data.get(0).features().size();
        double c = 1 / (lambda * n);
        double[] a = new double[n];
        double[] w = new double[d];
        for (int iteration = 0; iteration < 1_000_000; iteration++) {
            int up = -1;
            int low = -1;
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                double yk = y(data.get(k));
                double score = -yk * (yk * data.get(k).features().dot(w) - 1);
                boolean inUp = yk > 0 ? a[k] < c : a[k] > 0;
                boolean inLow = yk > 0 ? a[k] > 0 : a[k] < c;
                if (inUp && score > max) {
                    max = score;
                    up = k;
                }
                if (inLow && score < min) {
                    min = score;
                    low = k;
                }
            }
            if (max - min < 1e-10) {
                break;
            }
            double[] xi = data.get(up).features().toDense().values();
            double[] xj = data.get(low).features().toDense().values();
            double quad = 0;
            for (int j = 0; j < d; j++) {
                quad += (xi[j] - xj[j]) * (xi[j] - xj[j]);
            }
            double yi = y(data.get(up));
            double yj = y(data.get(low));
            double t = (max - min) / Math.max(quad, 1e-12);
            t = Math.min(t, yi > 0 ? c - a[up] : a[up]);
            t = Math.min(t, yj > 0 ? a[low] : c - a[low]);
            a[up] += yi * t;
            a[low] -= yj * t;
            for (int j = 0; j < d; j++) {
                w[j] += t * (xi[j] - xj[j]);
            }
        }
        double bestB = 0;
        double best = Double.POSITIVE_INFINITY;
        for (LabeledVector v : data) {
            double b = y(v) - v.features().dot(w);
            double f = objective(data, w, b, lambda);
            if (f < best) {
                best = f;
                bestB = b;
            }
        }
        double[] result = java.util.Arrays.copyOf(w, d + 1);
        result[d] = bestB;
        return result;
    }

    public static double accuracy(List<LabeledVector> data, double[] w, double b) {
        int right = 0;
        for (LabeledVector v : data) {
            right += ((v.features().dot(w) + b > 0) == (v.label() == 1)) ? 1 : 0;
        }
        return (double) right / data.size();
    }

    /** Two overlapping classes moved by {@code offset} in every dimension, so the optimal intercept is far from 0. */
    static List<LabeledVector> shifted(int n, int d, double offset, long seed) {
        List<LabeledVector> data = new ArrayList<>();
        for (LabeledVector v : MlTestData.twoClasses(n, d, 0.6, seed)) {
            double[] x = v.features().toDense().values();
            for (int j = 0; j < d; j++) {
                x[j] += offset;
            }
            data.add(new LabeledVector(v.label(), new DenseVector(x)));
        }
        return data;
    }

    @Test
    void theReferenceSolverSatisfiesTheOptimalityConditions() {
        List<LabeledVector> data = shifted(200, 2, 2.0, 3);
        double lambda = 0.05;
        double[] opt = smo(data, lambda);
        double[] w = java.util.Arrays.copyOf(opt, 2);
        double f = objective(data, w, opt[2], lambda);
        // no move of a single coordinate lowers P: a (sub)gradient check of the optimum
        for (int coordinate = 0; coordinate < 3; coordinate++) {
            for (double h : new double[] {1e-3, -1e-3}) {
                double[] moved = opt.clone();
                moved[coordinate] += h;
                assertTrue(objective(data, java.util.Arrays.copyOf(moved, 2), moved[2], lambda) >= f - 1e-12,
                        "coordinate " + coordinate + " step " + h);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 0.01, 0.0", "2, 0.01, 3.0", "3, 0.1, -2.0"})
    void reachesTheOptimumOfTheReferenceSolver(int parallelism, double lambda, double offset) throws Exception {
        List<LabeledVector> data = shifted(400, 3, offset, 5);
        DataSet<LabeledVector> training = ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism)
                .fromCollection(data, LinalgTypes.LABELED_VECTOR);
        LinearModel model = new LinearSvm().set(LinearSvm.LAMBDA, lambda).fit(training);
        double[] opt = smo(data, lambda);
        double[] w = java.util.Arrays.copyOf(opt, 3);
        double expected = objective(data, w, opt[3], lambda);
        double actual = objective(data, model.weights(), model.intercept(), lambda);
        assertEquals(expected, actual, 1e-4, "objective");
        assertTrue(actual >= expected - 1e-9, "the reference is the optimum: " + actual + " < " + expected);
        assertEquals(accuracy(data, w, opt[3]), accuracy(data, model.weights(), model.intercept()), 0.01, "training accuracy");
        assertTrue(model.classifier());
    }
}
