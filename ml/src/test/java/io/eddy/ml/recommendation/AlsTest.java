package io.eddy.ml.recommendation;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.tuple.Tuple3;
import io.eddy.ml.MlTestData;
import io.eddy.ml.evaluation.RegressionMetrics;
import io.eddy.ml.io.Ratings;
import io.eddy.ml.pipeline.ModelFile;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ALS against a plain-Java ALS-WR from the same initial item factors. */
@Timeout(300)
public class AlsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    /** Ratings of a rank-2 preference model plus noise, ids spread over a wide range, some pairs repeated. */
    public static List<Tuple3<Long, Long, Double>> ratings(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Tuple3<Long, Long, Double>> list = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            long user = random.nextInt(40) * 1_000_003L;
            long item = 7 + random.nextInt(25);
            double r = 3 + Math.sin(user) * Math.cos(item) + 0.5 * Math.cos(user + item) + 0.1 * random.nextGaussian();
            list.add(Tuple3.of(user, item, r));
        }
        return list;
    }

    /** ALS-WR in plain Java: every user from the items, then every item from the users; {@code [users, items]}. */
    public static List<Map<Long, double[]>> reference(List<Tuple3<Long, Long, Double>> ratings, int rank, double lambda,
                                               int iterations, long seed) {
        Map<Long, double[]> users = new TreeMap<>();
        Map<Long, double[]> items = new TreeMap<>();
        for (Tuple3<Long, Long, Double> r : ratings) {
            double[] y = new double[rank];
            for (int j = 0; j < rank; j++) {
                y[j] = Als.initialFactor(seed, r.f1, j);
            }
            items.put(r.f1, y);
        }
        for (int it = 0; it < iterations; it++) {
            solve(ratings, true, items, users, rank, lambda);
            solve(ratings, false, users, items, rank, lambda);
        }
        return List.of(users, items);
    }

    private static void solve(List<Tuple3<Long, Long, Double>> ratings, boolean userSide, Map<Long, double[]> fixed,
                              Map<Long, double[]> solved, int rank, double lambda) {
        Map<Long, double[][]> normal = new TreeMap<>();
        Map<Long, double[]> rhs = new TreeMap<>();
        for (Tuple3<Long, Long, Double> r : ratings) {
            long own = userSide ? r.f0 : r.f1;
            double[] y = fixed.get(userSide ? r.f1 : r.f0);
            double[][] a = normal.computeIfAbsent(own, k -> new double[rank][rank]);
            double[] b = rhs.computeIfAbsent(own, k -> new double[rank]);
            for (int i = 0; i < rank; i++) {
                b[i] += r.f2 * y[i];
                for (int j = 0; j < rank; j++) {
                    a[i][j] += y[i] * y[j];
                }
                a[i][i] += lambda;
            }
        }
        for (Long own : normal.keySet()) {
            solved.put(own, MlTestData.gaussianElimination(normal.get(own), rhs.get(own)));
        }
    }

    public static double rmse(List<Tuple3<Long, Long, Double>> ratings, Map<Long, double[]> users, Map<Long, double[]> items) {
        double sum = 0;
        for (Tuple3<Long, Long, Double> r : ratings) {
            double p = 0;
            for (int j = 0; j < users.get(r.f0).length; j++) {
                p += users.get(r.f0)[j] * items.get(r.f1)[j];
            }
            sum += (r.f2 - p) * (r.f2 - p);
        }
        return Math.sqrt(sum / ratings.size());
    }

    @ParameterizedTest
    @CsvSource({"1, 0, 3, 0.1, 5", "3, 0, 2, 0.05, 8", "2, 5, 4, 0.5, 3"})
    void equalsThePlainJavaAls(int parallelism, int blocks, int rank, double lambda, int iterations) throws Exception {
        List<Tuple3<Long, Long, Double>> data = ratings(600, 11);
        DataSet<Tuple3<Long, Long, Double>> training = ExecutionEnvironment.getExecutionEnvironment()
                .setParallelism(parallelism).fromCollection(data, Ratings.TYPE);
        AlsModel model = new Als().set(Als.RANK, rank).set(Als.LAMBDA, lambda).set(Als.ITERATIONS, iterations)
                .set(Als.SEED, 42L).set(Als.BLOCKS, blocks).fit(training);
        List<Map<Long, double[]>> expected = reference(data, rank, lambda, iterations, 42L);
        assertEquals(expected.get(0).keySet(), model.users().keySet());
        assertEquals(expected.get(1).keySet(), model.items().keySet());
        for (Map.Entry<Long, double[]> e : expected.get(0).entrySet()) {
            assertArrayEquals(e.getValue(), model.users().get(e.getKey()), 1e-9, "user " + e.getKey());
        }
        for (Map.Entry<Long, double[]> e : expected.get(1).entrySet()) {
            assertArrayEquals(e.getValue(), model.items().get(e.getKey()), 1e-9, "item " + e.getKey());
        }
        double referenceRmse = rmse(data, expected.get(0), expected.get(1));
        RegressionMetrics metrics = RegressionMetrics.of(model.evaluate(ExecutionEnvironment.getExecutionEnvironment()
                .fromCollection(data, Ratings.TYPE)));
        assertEquals(referenceRmse, metrics.rmse(), 1e-9);
        assertEquals(data.size(), metrics.count());
    }

    @Test
    void savedModelsPredictTheSame(@TempDir Path dir) throws Exception {
        AlsModel model = new AlsModel(2, Map.of(5L, new double[] {0.1, 1.0 / 3}), Map.of(9L, new double[] {-2.5, 1e-17}));
        model.save(dir.resolve("als").toString());
        AlsModel loaded = (AlsModel) ModelFile.load(dir.resolve("als").toString());
        assertEquals(model.predict(5, 9), loaded.predict(5, 9), 0);
        assertTrue(Double.isNaN(loaded.predict(5, 10)));
    }
}
