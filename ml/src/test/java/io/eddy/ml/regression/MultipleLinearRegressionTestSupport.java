package io.eddy.ml.regression;

import io.eddy.ml.linalg.LabeledVector;

import java.util.List;

/** The closed-form ridge optimum of {@link MultipleLinearRegressionTest} for the tests of other packages. */
public final class MultipleLinearRegressionTestSupport {
    private MultipleLinearRegressionTestSupport() {}

    public static double[] optimum(List<LabeledVector> data, double lambda) {
        return MultipleLinearRegressionTest.ridgeOptimum(data, lambda);
    }
}
