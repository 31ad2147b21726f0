package io.eddy.ml.classification;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.Types;
import io.eddy.ml.linalg.DenseVector;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** k-NN against brute force: every query sorted against every training point. */
@Timeout(300)
public class KNearestNeighborsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    /** Points on a small integer grid, so that many distances tie; labels 0, 1, 2. */
    public static List<LabeledVector> grid(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LabeledVector> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new LabeledVector(random.nextInt(3), new DenseVector(new double[] {random.nextInt(6), random.nextInt(6)})));
        }
        return points;
    }

    /** The prediction of the KNearestNeighbors javadoc, by sorting all training points. */
    public static double bruteForce(List<LabeledVector> training, LabeledVector query, int k) {
        List<double[]> all = new ArrayList<>();
        for (LabeledVector p : training) {
            double d = 0;
            for (int j = 0; j < 2; j++) {
                double e = p.features().get(j) - query.features().get(j);
                d += e * e;
            }
            all.add(new double[] {d, p.label()});
        }
        all.sort(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
        int[] votes = new int[3];
        for (int i = 0; i < Math.min(k, all.size()); i++) {
            votes[(int) all.get(i)[1]]++;
        }
        int best = 0;
        for (int c = 1; c < 3; c++) {
            if (votes[c] > votes[best]) {
                best = c;
            }
        }
        return best;
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "3, 4", "2, 7", "4, 200"})
    void equalsBruteForce(int parallelism, int k) throws Exception {
        List<LabeledVector> training = grid(150, 1);
        List<LabeledVector> queries = grid(60, 2);
        List<Tuple2<Long, LabeledVector>> numbered = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            numbered.add(Tuple2.of((long) i, queries.get(i)));
        }
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
        List<Tuple3<Long, Double, Double>> predictions = new KNearestNeighbors().set(KNearestNeighbors.K, k).predict(
                env.fromCollection(training, LinalgTypes.LABELED_VECTOR),
                env.fromCollection(numbered, Types.TUPLE(Types.LONG, LinalgTypes.LABELED_VECTOR))).collect();
        assertEquals(queries.size(), predictions.size());
        for (Tuple3<Long, Double, Double> p : predictions) {
            LabeledVector query = queries.get(p.f0.intValue());
            assertEquals(query.label(), p.f1, 0);
            assertEquals(bruteForce(training, query, k), p.f2, 0, "query " + p.f0 + " " + query);
        }
    }
}
