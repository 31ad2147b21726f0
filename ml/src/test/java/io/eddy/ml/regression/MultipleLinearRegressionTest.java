package io.eddy.ml.regression;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.ml.MlTestData;
import io.eddy.ml.evaluation.RegressionMetrics;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.ml.linalg.SparseVector;
import io.eddy.ml.pipeline.ModelFile;
import io.eddy.ml.pipeline.PipelineModel;
import io.eddy.ml.preprocessing.StandardScaler;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Least squares and ridge against the closed-form optimum computed in plain Java on centred data. */
class MultipleLinearRegressionTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    @TempDir
    Path dir;

    private static DataSet<LabeledVector> load(List<LabeledVector> data, int parallelism) {
        return ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism)
                .fromCollection(data, LinalgTypes.LABELED_VECTOR);
    }

    /**
     * The minimiser of (1/2n)‖y − Xw − b‖² + (λ/2)‖w‖²: with centred X̃ and ỹ, (X̃ᵀX̃ + nλI) w = X̃ᵀỹ and
     * b = ȳ − x̄·w. Returns w followed by b.
     */
    static double[] ridgeOptimum(List<LabeledVector> data, double lambda) {
        int d = data.get(0).features().size();
        int n = data.size();
        double[] xMean = new double[d];
        double yMean = 0;
        for (LabeledVector v : data) {
            for (int j = 0; j < d; j++) {
                xMean[j] += v.features().get(j) / n;
            }
            yMean += v.label() / n;
        }
        double[][] a = new double[d][d];
        double[] rhs = new double[d];
        for (LabeledVector v : data) {
            for (int i = 0; i < d; i++) {
                double xi = v.features().get(i) - xMean[i];
                for (int j = 0; j < d; j++) {
                    a[i][j] += xi * (v.features().get(j) - xMean[j]);
                }
                rhs[i] += xi * (v.label() - yMean);
            }
        }
        for (int i = 0; i < d; i++) {
            a[i][i] += n * lambda;
        }
        double[] w = MlTestData.gaussianElimination(a, rhs);
        double b = yMean;
        for (int j = 0; j < d; j++) {
            b -= xMean[j] * w[j];
        }
        double[] out = java.util.Arrays.copyOf(w, d + 1);
        out[d] = b;
        return out;
    }

    @ParameterizedTest
    @CsvSource({"1, 0.0", "2, 0.0", "1, 0.5", "2, 0.5"})
    void reachesTheClosedFormOptimum(int parallelism, double lambda) throws Exception {
        List<LabeledVector> data = MlTestData.linear(400, new double[] {2.0, -3.0, 0.5}, 4.0, 0.3, 11);
        LinearModel model = new MultipleLinearRegression().set(MultipleLinearRegression.LAMBDA, lambda)
                .fit(load(data, parallelism));
        double[] expected = ridgeOptimum(data, lambda);
        assertArrayEquals(java.util.Arrays.copyOf(expected, 3), model.weights(), 1e-9);
        assertEquals(expected[3], model.intercept(), 1e-9);
        if (lambda == 0) {
            // the noise is small: the least-squares fit is near the generating weights
            assertArrayEquals(new double[] {2.0, -3.0, 0.5}, model.weights(), 0.05);
        }
    }

    @Test
    void sparseInputGivesTheSameModelAsDense() throws Exception {
        List<LabeledVector> dense = MlTestData.linear(300, new double[] {1.0, 0.0, -2.0, 0.0}, 1.0, 0.1, 5);
        List<LabeledVector> sparse = new ArrayList<>();
        for (LabeledVector v : dense) {
            double[] x = v.features().toDense().values();
            sparse.add(new LabeledVector(v.label(), new SparseVector(4, new int[] {0, 1, 2, 3}, x)));
        }
        LinearModel fromDense = new MultipleLinearRegression().set(MultipleLinearRegression.LAMBDA, 0.1).fit(load(dense, 2));
        LinearModel fromSparse = new MultipleLinearRegression().set(MultipleLinearRegression.LAMBDA, 0.1).fit(load(sparse, 2));
        assertArrayEquals(fromDense.weights(), fromSparse.weights(), 1e-12);
        assertEquals(fromDense.intercept(), fromSparse.intercept(), 1e-12);
    }

    @Test
    void aChainedScalerAndRegressionPredictsLikeTheUnscaledFitAndSavesAsOne() throws Exception {
        List<LabeledVector> data = MlTestData.linear(300, new double[] {3.0, 1.0}, -2.0, 0.2, 8);
        PipelineModel<LinearModel> chained = new StandardScaler().chain(new MultipleLinearRegression()).fit(load(data, 2));
        LinearModel plain = new MultipleLinearRegression().fit(load(data, 2));
        // ordinary least squares is invariant under an affine scaling of the features
        RegressionMetrics viaChain = RegressionMetrics.of(chained.evaluate(load(data, 2)));
        RegressionMetrics viaPlain = RegressionMetrics.of(plain.evaluate(load(data, 2)));
        assertEquals(viaPlain.rmse(), viaChain.rmse(), 1e-9);
        String path = dir.resolve("pipeline").toString();
        chained.save(path);
        @SuppressWarnings("unchecked")
        PipelineModel<LinearModel> loaded = (PipelineModel<LinearModel>) ModelFile.load(path);
        assertArrayEquals(chained.last().weights(), loaded.last().weights());
        assertEquals(viaChain.rmse(), RegressionMetrics.of(loaded.evaluate(load(data, 1))).rmse(), 1e-12);
    }
}
