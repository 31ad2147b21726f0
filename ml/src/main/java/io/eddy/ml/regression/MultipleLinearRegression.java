package io.eddy.ml.regression;

import io.eddy.api.dataset.DataSet;
import io.eddy.ml.linalg.DenseMatrix;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.Vector;
import io.eddy.ml.pipeline.Estimator;
import io.eddy.ml.pipeline.Param;
import io.eddy.ml.pipeline.WithParams;
import io.eddy.ml.statistics.PartitionSums;

/**
 * Least squares with an intercept, solved exactly by the normal equations; with {@link #LAMBDA} > 0
 * ridge regression. It minimises
 * <pre>  (1/2n)·‖y − Xw − b‖² + (λ/2)·‖w‖²</pre>
 * over {@code w} and {@code b}: the intercept is not penalised and the features are not scaled. The
 * optimum solves {@code (XᵀX + nλI) w + Xᵀ1·b = Xᵀy} and {@code 1ᵀX·w + n·b = 1ᵀy}; one job sums
 * {@code XᵀX}, {@code Xᵀy} and {@code 1ᵀy} (per partition, no allocation per record), the client
 * solves the (d+1)² system by Cholesky decomposition. For many features ({@code d} beyond a few
 * thousand) use {@link SgdLinearRegression}.
 */
public final class MultipleLinearRegression extends WithParams<MultipleLinearRegression> implements Estimator<LinearModel> {
    private static final long serialVersionUID = 1L;

    public static final Param<Double> LAMBDA = Param.doubleParam("lambda",
            "L2 penalty λ of the weights (0: ordinary least squares, > 0: ridge)", 0.0, Param.atLeast(0.0));

    @Override
    public LinearModel fit(DataSet<LabeledVector> training) throws Exception {
        double[] s = PartitionSums.sum(training, new NormalEquationSums());
        if (s == null) {
            throw new IllegalArgumentException("The training set is empty");
        }
        // s has m² + m entries for m = d + 1
        int m = (int) Math.round((Math.sqrt(1 + 4.0 * s.length) - 1) / 2);
        int d = m - 1;
        double n = s[d * m + d];
        DenseMatrix gram = DenseMatrix.zeros(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                gram.set(i, j, s[i * m + j]);
                gram.set(j, i, s[i * m + j]);
            }
        }
        double lambda = get(LAMBDA);
        for (int i = 0; i < d; i++) {
            gram.add(i, i, n * lambda);
        }
        double[] solution = gram.solveSymmetricPositiveDefinite(java.util.Arrays.copyOfRange(s, m * m, m * m + m));
        return new LinearModel(java.util.Arrays.copyOf(solution, d), solution[d], false);
    }

    /**
     * Upper triangle of the Gram matrix of {@code [x, 1]} (row-major, (d+1)²), then {@code Xᵀy} and
     * {@code 1ᵀy}; sparse vectors touch their non-zeros only.
     */
    private static final class NormalEquationSums implements PartitionSums.Accumulator<LabeledVector> {
        private static final long serialVersionUID = 1L;

        @Override
        public int width(LabeledVector first) {
            int m = first.features().size() + 1;
            return m * m + m;
        }

        @Override
        public void add(LabeledVector lv, double[] sums) {
            Vector x = lv.features();
            int m = (int) Math.round((Math.sqrt(1 + 4.0 * sums.length) - 1) / 2);
            int d = m - 1;
            if (x.size() != d) {
                throw new IllegalArgumentException("Vectors of different dimensions in the training set: " + x.size()
                        + " and " + d);
            }
            double y = lv.label();
            int stored = x.numStored();
            for (int a = 0; a < stored; a++) {
                int i = x.storedIndex(a);
                double xi = x.storedValue(a);
                for (int c = a; c < stored; c++) {
                    sums[i * m + x.storedIndex(c)] += xi * x.storedValue(c);
                }
                sums[i * m + d] += xi;
                sums[m * m + i] += xi * y;
            }
            sums[d * m + d] += 1;
            sums[m * m + d] += y;
        }
    }
}
