package io.eddy.ml.classification;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.tuple.Tuple2;
import io.eddy.ml.linalg.DenseVector;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.ml.pipeline.ModelFile;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
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

/** Multinomial naive Bayes against the textbook formulas computed in plain Java. */
class NaiveBayesTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    @TempDir
    Path dir;

    /** Word counts of three classes, each favouring other words. */
    private static List<LabeledVector> documents(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LabeledVector> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(3);
            double[] counts = new double[6];
            for (int w = 0; w < 20; w++) {
                int word = random.nextInt(10) < 6 ? 2 * c + random.nextInt(2) : random.nextInt(6);
                counts[word]++;
            }
            docs.add(new LabeledVector(c, new DenseVector(counts)));
        }
        return docs;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void learnsTheSmoothedLogLikelihoodsAndPriors(int parallelism) throws Exception {
        List<LabeledVector> docs = documents(300, 1);
        double alpha = 0.5;
        NaiveBayesModel model = new NaiveBayes().set(NaiveBayes.SMOOTHING, alpha).fit(
                ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism).fromCollection(docs, LinalgTypes.LABELED_VECTOR));
        double[] n = new double[3];
        double[][] f = new double[3][6];
        for (LabeledVector d : docs) {
            int c = (int) d.label();
            n[c]++;
            for (int j = 0; j < 6; j++) {
                f[c][j] += d.features().get(j);
            }
        }
        assertArrayEquals(new double[] {0, 1, 2}, model.classes());
        for (int c = 0; c < 3; c++) {
            assertEquals(Math.log(n[c] / docs.size()), model.logPriors()[c], 1e-12);
            double total = 0;
            for (double v : f[c]) {
                total += v;
            }
            for (int j = 0; j < 6; j++) {
                assertEquals(Math.log((f[c][j] + alpha) / (total + alpha * 6)), model.logLikelihoods(c)[j], 1e-12);
            }
        }
        List<LabeledVector> test = documents(200, 2);
        int correct = 0;
        for (Tuple2<Double, Double> p : model.evaluate(ExecutionEnvironment.getExecutionEnvironment()
                .setParallelism(parallelism).fromCollection(test, LinalgTypes.LABELED_VECTOR)).collect()) {
            correct += p.f0.equals(p.f1) ? 1 : 0;
        }
        assertEquals(200, test.size());
        // the classes are well separated by their favourite words
        org.junit.jupiter.api.Assertions.assertTrue(correct > 180, "accuracy " + correct + "/200");
    }

    @Test
    void tiesGoToTheSmallerClassAndTheModelSavesExactly() throws Exception {
        // two classes with identical statistics: every score ties
        List<LabeledVector> docs = List.of(new LabeledVector(3, new DenseVector(1, 1)), new LabeledVector(1, new DenseVector(1, 1)));
        NaiveBayesModel model = new NaiveBayes().fit(ExecutionEnvironment.getExecutionEnvironment().setParallelism(2)
                .fromCollection(docs, LinalgTypes.LABELED_VECTOR));
        assertEquals(1.0, model.predict(new DenseVector(5, 0)));
        String path = dir.resolve("nb").toString();
        model.save(path);
        NaiveBayesModel loaded = (NaiveBayesModel) ModelFile.load(path);
        assertArrayEquals(model.logLikelihoods(1), loaded.logLikelihoods(1));
        assertArrayEquals(model.classes(), loaded.classes());
    }
}
