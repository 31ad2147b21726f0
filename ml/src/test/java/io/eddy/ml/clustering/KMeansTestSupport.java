package io.eddy.ml.clustering;

import io.eddy.ml.linalg.LabeledVector;

import java.util.List;

/** The plain-Java k-means of {@link KMeansTest} for the tests of other packages. */
public final class KMeansTestSupport {
    private KMeansTestSupport() {}

    public static List<LabeledVector> points(int n, long seed) {
        return KMeansTest.points(n, seed);
    }

    public static double[][] lloyd(List<LabeledVector> points, double[][] initial, int rounds) {
        return KMeansTest.lloyd(points, initial, rounds);
    }
}
