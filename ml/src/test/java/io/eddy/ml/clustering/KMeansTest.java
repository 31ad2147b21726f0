package io.eddy.ml.clustering;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.ml.linalg.DenseVector;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.ml.linalg.Vector;
import io.eddy.ml.pipeline.ModelFile;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KMeans on the embedded cluster against Lloyd's rounds in plain Java from the same initial centroids. */
@Timeout(180)
class KMeansTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    @TempDir
    Path dir;

    /** Points around 4 centres in 3 dimensions, and one far outlier so that a centroid ends up empty. */
    static List<LabeledVector> points(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = {{0, 0, 0}, {5, 5, 0}, {0, 5, 5}, {5, 0, 5}};
        List<LabeledVector> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] c = centres[random.nextInt(4)];
            double[] x = new double[3];
            for (int j = 0; j < 3; j++) {
                x[j] = c[j] + random.nextGaussian();
            }
            points.add(new LabeledVector(Double.NaN, new DenseVector(x)));
        }
        return points;
    }

    /** Lloyd's rounds as defined in the KMeans javadoc; returns the centroids and, last, {cost}. */
    static double[][] lloyd(List<LabeledVector> points, double[][] initial, int rounds) {
        int k = initial.length;
        int d = initial[0].length;
        double[][] mu = new double[k][];
        for (int c = 0; c < k; c++) {
            mu[c] = initial[c].clone();
        }
        for (int r = 0; r < rounds; r++) {
            double[][] sums = new double[k][d];
            long[] counts = new long[k];
            for (LabeledVector p : points) {
                int c = nearest(p.features(), mu);
                counts[c]++;
                for (int j = 0; j < d; j++) {
                    sums[c][j] += p.features().get(j);
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    for (int j = 0; j < d; j++) {
                        mu[c][j] = sums[c][j] / counts[c];
                    }
                }
            }
        }
        double cost = 0;
        for (LabeledVector p : points) {
            cost += p.features().squaredDistance(mu[nearest(p.features(), mu)]);
        }
        double[][] out = java.util.Arrays.copyOf(mu, k + 1);
        out[k] = new double[] {cost};
        return out;
    }

    static int nearest(Vector x, double[][] mu) {
        int best = 0;
        for (int c = 1; c < mu.length; c++) {
            if (x.squaredDistance(mu[c]) < x.squaredDistance(mu[best])) {
                best = c;
            }
        }
        return best;
    }

    private static DataSet<LabeledVector> load(List<LabeledVector> data, int parallelism) {
        return ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism)
                .fromCollection(data, LinalgTypes.LABELED_VECTOR);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void givenCentroidsFollowLloydExactlyAndAnEmptyClusterKeepsItsCentroid(int parallelism) throws Exception {
        List<LabeledVector> points = points(2000, 3);
        double[][] initial = {points.get(0).features().toDense().values(), points.get(1).features().toDense().values(),
                points.get(2).features().toDense().values(), {100, 100, 100}};
        List<Vector> given = new ArrayList<>();
        for (double[] c : initial) {
            given.add(new DenseVector(c));
        }
        KMeansModel model = new KMeans().setInitialCentroids(given).set(KMeans.ITERATIONS, 7).fit(load(points, parallelism));
        double[][] expected = lloyd(points, initial, 7);
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(expected[c], model.centroids()[c], 1e-9, "centroid " + c);
        }
        assertArrayEquals(new double[] {100, 100, 100}, model.centroids()[3], "the empty cluster keeps its centroid");
        assertEquals(expected[4][0], model.cost(), 1e-6 * expected[4][0]);
    }

    @Test
    void randomInitialisationIsSeededAndIndependentOfParallelism() throws Exception {
        List<LabeledVector> points = points(1000, 5);
        KMeansModel one = new KMeans().set(KMeans.K, 4).set(KMeans.INIT, "random").set(KMeans.SEED, 9L)
                .set(KMeans.ITERATIONS, 5).fit(load(points, 1));
        KMeansModel two = new KMeans().set(KMeans.K, 4).set(KMeans.INIT, "random").set(KMeans.SEED, 9L)
                .set(KMeans.ITERATIONS, 5).fit(load(points, 2));
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(one.centroids()[c], two.centroids()[c], 1e-9);
        }
    }

    @Test
    void kMeansParallelFindsTheFourCentres() throws Exception {
        List<LabeledVector> points = points(2000, 7);
        KMeansModel model = new KMeans().set(KMeans.K, 4).set(KMeans.SEED, 1L).set(KMeans.ITERATIONS, 10).fit(load(points, 2));
        // every true centre has a centroid within 0.2
        double[][] centres = {{0, 0, 0}, {5, 5, 0}, {0, 5, 5}, {5, 0, 5}};
        for (double[] centre : centres) {
            double best = Double.MAX_VALUE;
            for (double[] c : model.centroids()) {
                best = Math.min(best, new DenseVector(c).squaredDistance(centre));
            }
            assertTrue(best < 0.04, "no centroid near " + java.util.Arrays.toString(centre) + ": " + best);
        }
        String path = dir.resolve("kmeans").toString();
        model.save(path);
        KMeansModel loaded = (KMeansModel) ModelFile.load(path);
        assertArrayEquals(model.centroids()[2], loaded.centroids()[2]);
        assertEquals(model.cost(), loaded.cost());
        assertEquals(model.predict(points.get(0).features()), loaded.predict(points.get(0).features()));
    }
}
