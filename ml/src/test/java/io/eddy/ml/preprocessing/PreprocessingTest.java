package io.eddy.ml.preprocessing;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.ml.MlTestData;
import io.eddy.ml.linalg.DenseVector;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.ml.linalg.Vector;
import io.eddy.ml.pipeline.ModelFile;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transformers and splitters on the embedded cluster, against plain-Java recomputations. */
class PreprocessingTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    @TempDir
    Path dir;

    private static DataSet<LabeledVector> load(List<LabeledVector> data, int parallelism) {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
        return env.fromCollection(data, LinalgTypes.LABELED_VECTOR);
    }

    /** Rows with a constant third column, so the scalers' special case is covered. */
    private static List<LabeledVector> withConstantColumn() {
        List<LabeledVector> rows = new ArrayList<>();
        for (LabeledVector v : MlTestData.linear(500, new double[] {1, 2}, 3, 0.1, 7)) {
            rows.add(new LabeledVector(v.label(), new DenseVector(v.features().get(0) * 100 + 1e6, v.features().get(1), 4.0)));
        }
        return rows;
    }

    private static List<double[]> sortedFeatures(List<LabeledVector> rows) {
        List<double[]> out = new ArrayList<>();
        for (LabeledVector v : rows) {
            out.add(v.features().toDense().values());
        }
        out.sort(Comparator.comparingDouble((double[] x) -> x[0]).thenComparingDouble(x -> x[1]));
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void standardScalerUsesTheSampleDeviationAndDividesConstantColumnsByOne(int parallelism) throws Exception {
        List<LabeledVector> rows = withConstantColumn();
        AffineScalerModel model = new StandardScaler().fit(load(rows, parallelism));
        int n = rows.size();
        double[] mean = new double[3];
        for (LabeledVector v : rows) {
            for (int j = 0; j < 3; j++) {
                mean[j] += v.features().get(j);
            }
        }
        for (int j = 0; j < 3; j++) {
            mean[j] /= n;
        }
        double[] sd = new double[3];
        for (LabeledVector v : rows) {
            for (int j = 0; j < 3; j++) {
                double e = v.features().get(j) - mean[j];
                sd[j] += e * e / (n - 1);
            }
        }
        for (int j = 0; j < 3; j++) {
            sd[j] = sd[j] == 0 ? 1 : Math.sqrt(sd[j]);
            assertEquals(mean[j], model.offset()[j], 1e-9 * Math.abs(mean[j]));
            assertEquals(sd[j], model.scale()[j], 1e-9 * sd[j]);
        }
        assertEquals(1.0, model.scale()[2]);
        List<LabeledVector> scaled = model.transform(load(rows, parallelism)).collect();
        List<double[]> expected = new ArrayList<>();
        for (LabeledVector v : rows) {
            double[] x = new double[3];
            for (int j = 0; j < 3; j++) {
                x[j] = (v.features().get(j) - model.offset()[j]) / model.scale()[j];
            }
            expected.add(x);
            assertEquals(0.0, x[2]);
        }
        expected.sort(Comparator.comparingDouble((double[] x) -> x[0]).thenComparingDouble(x -> x[1]));
        List<double[]> actual = sortedFeatures(scaled);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void minMaxScalerMapsTheTrainingRangeToTheUnitInterval(int parallelism) throws Exception {
        List<LabeledVector> rows = withConstantColumn();
        AffineScalerModel model = new MinMaxScaler().fit(load(rows, parallelism));
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (LabeledVector v : rows) {
            for (int j = 0; j < 3; j++) {
                min[j] = Math.min(min[j], v.features().get(j));
                max[j] = Math.max(max[j], v.features().get(j));
            }
        }
        for (LabeledVector v : model.transform(load(rows, parallelism)).collect()) {
            for (int j = 0; j < 2; j++) {
                double x = v.features().get(j);
                assertTrue(x >= 0 && x <= 1, "feature " + j + " = " + x);
            }
            assertEquals(0.0, v.features().get(2), "a constant column maps to 0");
        }
        assertArrayEquals(min, model.offset());
        assertArrayEquals(new double[] {max[0] - min[0], max[1] - min[1], 1.0}, model.scale());
    }

    @Test
    void polynomialFeaturesOrderMonomialsByDegreeThenAsCombinations() throws Exception {
        PolynomialFeatures poly = new PolynomialFeatures().set(PolynomialFeatures.DEGREE, 3);
        Vector out = poly.transform(new DenseVector(2, 3));
        // x, y, x², xy, y², x³, x²y, xy², y³
        assertArrayEquals(new double[] {2, 3, 4, 6, 9, 8, 12, 18, 27}, out.toDense().values());
        assertEquals(3 + 6 + 10, poly.transform(new DenseVector(1, 1, 1)).size());
        List<LabeledVector> rows = List.of(new LabeledVector(1, new DenseVector(1, 2)), new LabeledVector(0, new DenseVector(-1, 0.5)));
        Set<String> actual = new HashSet<>();
        for (LabeledVector v : new PolynomialFeatures().transform(load(rows, 2)).collect()) {
            actual.add(v.label() + ":" + v.features());
        }
        assertEquals(Set.of("1.0:[1.0, 2.0, 1.0, 2.0, 4.0]", "0.0:[-1.0, 0.5, 1.0, -0.5, 0.25]"), actual);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PolynomialFeatures().set(PolynomialFeatures.DEGREE, 0));
        assertEquals("Parameter 'degree' must be at least 1, got 0", e.getMessage());
    }

    @Test
    void scalerModelsSaveAndLoadExactly() throws Exception {
        AffineScalerModel model = new StandardScaler().fit(load(withConstantColumn(), 2));
        String path = dir.resolve("scaler").toString();
        model.save(path);
        AffineScalerModel loaded = (AffineScalerModel) ModelFile.load(path);
        assertArrayEquals(model.offset(), loaded.offset());
        assertArrayEquals(model.scale(), loaded.scale());
    }

    @Test
    void splitsAreDisjointCompleteAndIndependentOfParallelism() throws Exception {
        List<LabeledVector> rows = MlTestData.linear(1000, new double[] {1, -1}, 0, 1, 3);
        Set<String> test1 = asStrings(Splitter.trainTestSplit(load(rows, 1), 0.25, 42).test().collect());
        Splitter.TrainTest split2 = Splitter.trainTestSplit(load(rows, 2), 0.25, 42);
        Set<String> test2 = asStrings(split2.test().collect());
        Set<String> train2 = asStrings(split2.training().collect());
        assertEquals(test1, test2);
        Set<String> all = new HashSet<>(test2);
        all.addAll(train2);
        assertEquals(asStrings(rows), all);
        assertEquals(rows.size(), test2.size() + train2.size());
        assertTrue(test2.size() > 200 && test2.size() < 300, "about a quarter in the test set: " + test2.size());
        assertTrue(!test2.equals(asStrings(Splitter.trainTestSplit(load(rows, 2), 0.25, 43).test().collect())),
                "another seed gives another split");
        Set<String> folds = new HashSet<>();
        int total = 0;
        for (int f = 0; f < 4; f++) {
            Set<String> fold = asStrings(Splitter.fold(load(rows, 2), 4, f, 9).test().collect());
            total += fold.size();
            folds.addAll(fold);
        }
        assertEquals(rows.size(), total, "every record in exactly one fold");
        assertEquals(asStrings(rows), folds);
    }

    private static Set<String> asStrings(List<LabeledVector> rows) {
        Set<String> out = new HashSet<>();
        for (LabeledVector v : rows) {
            out.add(v.toString());
        }
        return out;
    }
}
