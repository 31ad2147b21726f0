package io.eddy.ml.evaluation;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The metrics on the embedded cluster against their definitions evaluated in plain Java. */
class MetricsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    private static DataSet<Tuple2<Double, Double>> load(List<Tuple2<Double, Double>> pairs) {
        return ExecutionEnvironment.getExecutionEnvironment().setParallelism(2)
                .fromCollection(pairs, Types.TUPLE(Types.DOUBLE, Types.DOUBLE));
    }

    @Test
    void classificationMetricsFollowTheConfusionCounts() throws Exception {
        // truth, prediction: 4 true 1s (3 found), 4 true 0s (1 false alarm), 2 true 2s (both found)
        double[][] pairs = {{1, 1}, {1, 1}, {1, 1}, {1, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 1}, {2, 2}, {2, 2}};
        List<Tuple2<Double, Double>> list = new ArrayList<>();
        for (double[] p : pairs) {
            list.add(Tuple2.of(p[0], p[1]));
        }
        ClassificationMetrics m = ClassificationMetrics.of(load(list));
        assertEquals(8.0 / 10, m.accuracy());
        assertEquals(3.0 / 4, m.precision(1));
        assertEquals(3.0 / 4, m.recall(1));
        assertEquals(0.75, m.f1(1), 1e-15);
        assertEquals(1.0, m.precision(2));
        assertEquals(3, m.count(1, 1));
        assertEquals(java.util.Set.of(0.0, 1.0, 2.0), m.classes());
    }

    @Test
    void aucCountsPairsAndHalfTies() throws Exception {
        SplittableRandom random = new SplittableRandom(4);
        List<Tuple2<Double, Double>> scored = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double label = random.nextInt(2);
            // scores rounded to tenths: many ties
            double score = Math.round((random.nextGaussian() + label) * 10) / 10.0;
            scored.add(Tuple2.of(label, score));
        }
        double wins = 0;
        double pairs = 0;
        for (Tuple2<Double, Double> p : scored) {
            if (p.f0 != 1) {
                continue;
            }
            for (Tuple2<Double, Double> q : scored) {
                if (q.f0 == 0) {
                    pairs++;
                    wins += p.f1 > q.f1 ? 1 : p.f1.equals(q.f1) ? 0.5 : 0;
                }
            }
        }
        assertEquals(wins / pairs, AreaUnderRoc.of(load(scored)), 1e-12);
    }

    @Test
    void regressionMetricsFollowTheirDefinitions() throws Exception {
        SplittableRandom random = new SplittableRandom(9);
        List<Tuple2<Double, Double>> pairs = new ArrayList<>();
        double se = 0, ae = 0, mean = 0;
        for (int i = 0; i < 1000; i++) {
            double y = random.nextDouble(-5, 5);
            double p = y + random.nextGaussian();
            pairs.add(Tuple2.of(y, p));
            se += (y - p) * (y - p);
            ae += Math.abs(y - p);
            mean += y / 1000;
        }
        double total = 0;
        for (Tuple2<Double, Double> p : pairs) {
            total += (p.f0 - mean) * (p.f0 - mean);
        }
        RegressionMetrics m = RegressionMetrics.of(load(pairs));
        assertEquals(1000, m.count());
        assertEquals(Math.sqrt(se / 1000), m.rmse(), 1e-12);
        assertEquals(ae / 1000, m.mae(), 1e-12);
        assertEquals(1 - se / total, m.r2(), 1e-10);
    }
}
