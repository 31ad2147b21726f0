package io.eddy.ml.cli;

import io.eddy.api.config.Configuration;
import io.eddy.ml.MlTestData;
import io.eddy.ml.clustering.KMeansTestSupport;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.regression.MultipleLinearRegressionTestSupport;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code eddy ml} end to end on files and the embedded cluster: outputs against plain-Java results, and its messages. */
@Timeout(300)
class MlCommandTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return new MlCommand(new PrintStream(printed, true, StandardCharsets.UTF_8), new Configuration()).run(List.of(args));
    }

    private Path csv(String name, List<LabeledVector> rows, boolean withLabel) throws Exception {
        StringBuilder b = new StringBuilder();
        for (LabeledVector v : rows) {
            for (int j = 0; j < v.features().size(); j++) {
                b.append(j > 0 ? "," : "").append(v.features().get(j));
            }
            b.append(withLabel ? "," + v.label() : "").append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, b);
        return file;
    }

    @Test
    void linearRegressionWritesTheWeightsTableAndTheTestMetrics() throws Exception {
        List<LabeledVector> train = MlTestData.linear(200, new double[] {2, -1}, 0.5, 0.1, 1);
        List<LabeledVector> test = MlTestData.linear(50, new double[] {2, -1}, 0.5, 0.1, 2);
        Path out = dir.resolve("out");
        assertEquals(0, run("linear-regression", "--train", csv("train.csv", train, true).toString(),
                "--test", csv("test.csv", test, true).toString(), "--output", out.toString(), "-p", "2"));
        double[] expected = MultipleLinearRegressionTestSupport.optimum(train, 0.0);
        List<String> lines = Files.readAllLines(out.resolve("weights"));
        assertEquals(3, lines.size());
        assertEquals("intercept", lines.get(0).split("\t")[0]);
        assertEquals(expected[2], Double.parseDouble(lines.get(0).split("\t")[1]), 1e-9);
        assertEquals("0", lines.get(1).split("\t")[0]);
        assertEquals(expected[0], Double.parseDouble(lines.get(1).split("\t")[1]), 1e-9);
        assertEquals(expected[1], Double.parseDouble(lines.get(2).split("\t")[1]), 1e-9);
        double se = 0, ae = 0;
        for (LabeledVector v : test) {
            double e = v.label() - (expected[0] * v.features().get(0) + expected[1] * v.features().get(1) + expected[2]);
            se += e * e;
            ae += Math.abs(e);
        }
        List<String> metrics = Files.readAllLines(out.resolve("metrics"));
        assertEquals("rmse", metrics.get(0).split("\t")[0]);
        assertEquals(Math.sqrt(se / 50), Double.parseDouble(metrics.get(0).split("\t")[1]), 1e-9);
        assertEquals(ae / 50, Double.parseDouble(metrics.get(1).split("\t")[1]), 1e-9);
        assertTrue(Files.isRegularFile(out.resolve("model")));
    }

    @Test
    void kmeansFromGivenCentroidsWritesThemInOrder() throws Exception {
        List<LabeledVector> points = KMeansTestSupport.points(500, 4);
        List<LabeledVector> initial = points.subList(0, 4);
        Path out = dir.resolve("km");
        assertEquals(0, run("kmeans", "--train", csv("points.csv", points, false).toString(), "--no-label",
                "--centroids", csv("initial.csv", initial, false).toString(), "--iterations", "5", "--output", out.toString()));
        double[][] init = new double[4][];
        for (int c = 0; c < 4; c++) {
            init[c] = initial.get(c).features().toDense().values();
        }
        double[][] expected = KMeansTestSupport.lloyd(points, init, 5);
        List<String> lines = Files.readAllLines(out.resolve("centroids"));
        assertEquals(4, lines.size());
        for (int c = 0; c < 4; c++) {
            String[] values = lines.get(c).split(",");
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[c][j], Double.parseDouble(values[j]), 1e-9);
            }
        }
    }

    @Test
    void aTransformerWritesTheFeaturesInInputOrder() throws Exception {
        List<LabeledVector> rows = MlTestData.linear(300, new double[] {1, 1}, 0, 1, 3);
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Files.move(csv("a.csv", rows.subList(0, 150), true), in.resolve("a.csv"));
        Files.move(csv("b.csv", rows.subList(150, 300), true), in.resolve("b.csv"));
        Path out = dir.resolve("scaled");
        assertEquals(0, run("minmax-scaler", "--train", in.toString(), "--output", out.toString(), "-p", "2"));
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE};
        for (LabeledVector v : rows) {
            for (int j = 0; j < 2; j++) {
                min[j] = Math.min(min[j], v.features().get(j));
                max[j] = Math.max(max[j], v.features().get(j));
            }
        }
        List<String> written = partLines(out.resolve("features"), 2);
        assertEquals(300, written.size());
        for (int i = 0; i < 300; i++) {
            String[] values = written.get(i).split(",");
            assertEquals(2, values.length, "no label column");
            for (int j = 0; j < 2; j++) {
                assertEquals((rows.get(i).features().get(j) - min[j]) / (max[j] - min[j]), Double.parseDouble(values[j]), 0.0,
                        "row " + i);
            }
        }
    }

    /**
     * The lines of the part files {@code part-00000} … in name order, checking that there are {@code parts}
     * of them and that each has lines: the subtasks wrote them in parallel.
     */
    private static List<String> partLines(Path directory, int parts) throws Exception {
        List<String> names = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(directory)) {
            for (Path f : files.sorted().toList()) {
                names.add(f.getFileName().toString());
                List<String> part = Files.readAllLines(f);
                assertTrue(!part.isEmpty(), f + " is empty");
                lines.addAll(part);
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            expected.add(String.format("part-%05d", i));
        }
        assertEquals(expected, names);
        return lines;
    }

    /** One input file, three subtasks: each writes a third of the rows, and the parts in name order are the input's order. */
    @Test
    void scalersAndPolynomialFeaturesWriteOneFileInParallelInInputOrder() throws Exception {
        List<LabeledVector> rows = MlTestData.linear(600, new double[] {2, -1}, 0, 1, 11);
        Path in = csv("one.csv", rows, true);
        assertEquals(0, run("standard-scaler", "--train", in.toString(), "--output", dir.resolve("std").toString(), "-p", "3"));
        double[] mean = new double[2];
        double[] squares = new double[2];
        for (LabeledVector v : rows) {
            for (int j = 0; j < 2; j++) {
                mean[j] += v.features().get(j) / rows.size();
            }
        }
        for (LabeledVector v : rows) {
            for (int j = 0; j < 2; j++) {
                squares[j] += (v.features().get(j) - mean[j]) * (v.features().get(j) - mean[j]);
            }
        }
        List<String> scaled = partLines(dir.resolve("std").resolve("features"), 3);
        assertEquals(rows.size(), scaled.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] values = scaled.get(i).split(",");
            assertEquals(2, values.length);
            for (int j = 0; j < 2; j++) {
                assertEquals((rows.get(i).features().get(j) - mean[j]) / Math.sqrt(squares[j] / (rows.size() - 1)),
                        Double.parseDouble(values[j]), 1e-12, "row " + i);
            }
        }

        assertEquals(0, run("polynomial-features", "--train", in.toString(), "--degree", "2",
                "--output", dir.resolve("poly").toString(), "-p", "3"));
        List<String> expected = new ArrayList<>();
        for (LabeledVector v : rows) {
            double x = v.features().get(0);
            double y = v.features().get(1);
            expected.add(x + "," + y + "," + x * x + "," + x * y + "," + y * y);
        }
        assertEquals(expected, partLines(dir.resolve("poly").resolve("features"), 3), "exact, in input order");
    }

    /** The TaskManagers write the part files: a relative --output is made absolute on the client, for every writer. */
    @Test
    void aRelativeOutputIsResolvedOnTheClient() throws Exception {
        Path in = csv("relative.csv", MlTestData.linear(30, new double[] {1}, 0, 1, 5), true);
        String relative = "target/ml-relative-output-" + System.nanoTime();
        Path absolute = Path.of(relative).toAbsolutePath();
        try {
            assertEquals(0, run("minmax-scaler", "--train", in.toString(), "--output", relative, "-p", "2"));
            assertEquals("Wrote 30 rows of transformed features to " + absolute.resolve("features") + "\n", printed.toString());
            assertEquals(30, partLines(absolute.resolve("features"), 2).size());
            assertTrue(Files.isRegularFile(absolute.resolve("model")));
        } finally {
            try (var files = Files.walk(absolute)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    @Test
    void mistakesGetOneMessageNamingTheFix() throws Exception {
        Path train = csv("train.csv", MlTestData.linear(20, new double[] {1, 2}, 0, 0, 1), true);
        Path narrow = csv("narrow.csv", MlTestData.linear(20, new double[] {1}, 0, 0, 1), true);
        assertEquals("unknown algorithm 'forest'; choose one of standard-scaler, minmax-scaler, polynomial-features, "
                + "linear-regression, ridge, sgd-regression, logistic-regression, svm, naive-bayes, knn, kmeans, als",
                assertThrows(MlCommand.UsageException.class, () -> run("forest")).getMessage());
        assertEquals("--train <path> is missing: give the training data",
                assertThrows(MlCommand.UsageException.class, () -> run("ridge", "--lambda", "1")).getMessage());
        assertEquals("Parameter 'lambda' must be at least 0.0, got -1.0 (see eddy ml ridge --help)",
                assertThrows(MlCommand.UsageException.class, () -> run("ridge", "--train", train.toString(), "--lambda", "-1"))
                        .getMessage());
        assertTrue(assertThrows(MlCommand.UsageException.class, () -> run("ridge", "--train", train.toString(), "--rank", "3"))
                .getMessage().startsWith("MultipleLinearRegression has no parameter 'rank'; it has: lambda"));
        assertTrue(assertThrows(MlCommand.UsageException.class, () -> run("ridge", "--train", train.toString(),
                "--output", "nosuch://nn:8020/out")).getMessage().startsWith("--output nosuch://nn:8020/out: No file system "
                + "for scheme 'nosuch' of path 'nosuch://nn:8020/out'."));
        assertTrue(assertThrows(MlCommand.UsageException.class, () -> run("ridge", "--train", train.toString(),
                "--output", dir.resolve("o7").toString(), "--model-out", "nosuch://nn/model")).getMessage()
                .startsWith("--model-out nosuch://nn/model: No file system for scheme 'nosuch'"));
        Files.createDirectories(dir.resolve("taken"));
        assertEquals("output directory " + dir.resolve("taken") + " exists: remove it or give another --output",
                assertThrows(MlCommand.UsageException.class, () -> run("ridge", "--train", train.toString(),
                        "--output", dir.resolve("taken").toString())).getMessage());
        String mismatch = assertThrows(MlCommand.UsageException.class, () -> run("ridge", "--train", train.toString(),
                "--test", narrow.toString(), "--output", dir.resolve("o1").toString())).getMessage();
        assertEquals("the training data " + train + " has 2 features, the test data " + narrow + " has 1: they must have the same",
                mismatch);
        assertEquals("--centroids " + narrow + ", line 1: the centroid has 1 features, the training data " + train
                        + " has 2: they must have the same (rows without a label column need --no-label)",
                assertThrows(MlCommand.UsageException.class, () -> run("kmeans", "--train", train.toString(), "--centroids",
                        narrow.toString(), "--output", dir.resolve("o6").toString())).getMessage());
        assertEquals("--centroids gives the initial centroids of kmeans; ridge takes none",
                assertThrows(MlCommand.UsageException.class, () -> run("ridge", "--train", train.toString(), "--centroids",
                        narrow.toString())).getMessage());
        assertTrue(Files.notExists(dir.resolve("o6")), "a usage mistake leaves no output directory");
        Path wideSvm = dir.resolve("wide.svm");
        Files.writeString(wideSvm, "1 1:0.5 5:2\n0 2:1\n");
        Path narrowSvm = dir.resolve("narrow.svm");
        Files.writeString(narrowSvm, "1 1:0.5 3:2\n0 2:1\n");
        assertEquals("the test data " + wideSvm + " has feature indices up to 5, the training data " + narrowSvm
                        + " only up to 3: the model has no weights for the others; give test data with the training data's features",
                assertThrows(MlCommand.UsageException.class, () -> run("logistic-regression", "--format", "libsvm",
                        "--train", narrowSvm.toString(), "--test", wideSvm.toString(), "--output", dir.resolve("o4").toString()))
                        .getMessage());
        assertEquals(0, run("logistic-regression", "--format", "libsvm", "--train", wideSvm.toString(), "--test",
                narrowSvm.toString(), "--lambda", "0.1", "--output", dir.resolve("o5").toString()), "fewer test features are fine");
        assertTrue(assertThrows(MlCommand.UsageException.class, () -> run("ridge", "--train", dir.resolve("nope.csv").toString()))
                .getMessage().contains("Input path does not exist"));
        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, "1,2,3\n4,x,6\n");
        Exception failure = assertThrows(Exception.class, () -> run("ridge", "--train", broken.toString(),
                "--output", dir.resolve("o2").toString()));
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().contains("Malformed CSV line 2 of " + broken + ": field 2 ('x') is not a number"),
                root.getMessage());
        Path brokenFirst = dir.resolve("broken-first.csv");
        Files.writeString(brokenFirst, "# f1,f2,label\n\n1,x,3\n");
        assertEquals("--train " + brokenFirst + ": Malformed CSV line 3 of " + brokenFirst
                        + ": field 2 ('x') is not a number. Line: 1,x,3",
                assertThrows(MlCommand.UsageException.class, () -> run("ridge", "--train", brokenFirst.toString(),
                        "--output", dir.resolve("o3").toString())).getMessage());
        printed.reset();
        assertEquals(0, run("logistic-regression", "--help"));
        assertTrue(printed.toString().contains("--tolerance <double> (default 1.0E-8"), printed.toString());
    }

    @Test
    void svmWritesTheOptimalWeightsAndTheTestAccuracy() throws Exception {
        List<LabeledVector> train = MlTestData.twoClasses(200, 2, 0.6, 7);
        List<LabeledVector> test = MlTestData.twoClasses(80, 2, 0.6, 8);
        Path out = dir.resolve("svm");
        assertEquals(0, run("svm", "--train", csv("train.csv", train, true).toString(), "--test",
                csv("test.csv", test, true).toString(), "--lambda", "0.05", "--output", out.toString(), "-p", "2"));
        List<String> lines = Files.readAllLines(out.resolve("weights"));
        double b = Double.parseDouble(lines.get(0).split("\t")[1]);
        double[] w = {Double.parseDouble(lines.get(1).split("\t")[1]), Double.parseDouble(lines.get(2).split("\t")[1])};
        double[] opt = io.eddy.ml.classification.LinearSvmTest.smo(train, 0.05);
        assertEquals(io.eddy.ml.classification.LinearSvmTest.objective(train, java.util.Arrays.copyOf(opt, 2), opt[2], 0.05),
                io.eddy.ml.classification.LinearSvmTest.objective(train, w, b, 0.05), 1e-4);
        List<String> metrics = Files.readAllLines(out.resolve("metrics"));
        assertEquals("accuracy\t" + io.eddy.ml.classification.LinearSvmTest.accuracy(test, w, b), metrics.get(0));
    }

    @Test
    void knnWritesOnePredictionPerTestRowInOrder() throws Exception {
        List<LabeledVector> train = io.eddy.ml.classification.KNearestNeighborsTest.grid(100, 3);
        List<LabeledVector> test = io.eddy.ml.classification.KNearestNeighborsTest.grid(30, 4);
        Path out = dir.resolve("knn");
        assertEquals(0, run("knn", "--train", csv("train.csv", train, true).toString(), "--test",
                csv("test.csv", test, true).toString(), "--k", "5", "--output", out.toString(), "-p", "3"));
        List<String> predictions = partLines(out.resolve("predictions"), 3);
        assertEquals(test.size(), predictions.size());
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            double expected = io.eddy.ml.classification.KNearestNeighborsTest.bruteForce(train, test.get(i), 5);
            assertEquals(expected, Double.parseDouble(predictions.get(i)), 0, "row " + i);
            right += expected == test.get(i).label() ? 1 : 0;
        }
        assertEquals("accuracy\t" + (double) right / test.size(), Files.readAllLines(out.resolve("metrics")).get(0));
        MlCommand.UsageException e = assertThrows(MlCommand.UsageException.class,
                () -> run("knn", "--train", dir.resolve("train.csv").toString(), "--output", dir.resolve("knn2").toString()));
        assertEquals("knn classifies the rows of --test <path>: give it", e.getMessage());
    }

    @Test
    void alsWritesUserAndItemFactorsAndTheTestErrors() throws Exception {
        List<io.eddy.api.tuple.Tuple3<Long, Long, Double>> ratings = io.eddy.ml.recommendation.AlsTest.ratings(400, 5);
        StringBuilder lines = new StringBuilder("# user item rating\n");
        for (io.eddy.api.tuple.Tuple3<Long, Long, Double> r : ratings) {
            lines.append(r.f0).append('\t').append(r.f1).append('\t').append(r.f2).append('\n');
        }
        Path train = dir.resolve("ratings.tsv");
        Files.writeString(train, lines);
        Path out = dir.resolve("als");
        assertEquals(0, run("als", "--train", train.toString(), "--test", train.toString(), "--rank", "3", "--lambda", "0.1",
                "--iterations", "4", "--seed", "9", "--output", out.toString(), "-p", "2"));
        List<java.util.Map<Long, double[]>> expected = io.eddy.ml.recommendation.AlsTest.reference(ratings, 3, 0.1, 4, 9);
        List<String> users = partLines(out.resolve("users"), 2);
        assertEquals(expected.get(0).size(), users.size());
        long previous = Long.MIN_VALUE;
        for (String line : users) {
            long id = Long.parseLong(line.split("\t")[0]);
            assertTrue(id > previous, "users in id order over the part files: " + id + " after " + previous);
            previous = id;
        }
        for (String line : users) {
            double[] v = io.eddy.ml.pipeline.ModelFile.parseNumbers(line.split("\t")[1]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected.get(0).get(Long.parseLong(line.split("\t")[0])), v, 1e-9);
        }
        assertEquals(expected.get(1).size(), partLines(out.resolve("items"), 2).size());
        List<String> metrics = Files.readAllLines(out.resolve("metrics"));
        assertEquals("rmse", metrics.get(0).split("\t")[0]);
        assertEquals(io.eddy.ml.recommendation.AlsTest.rmse(ratings, expected.get(0), expected.get(1)),
                Double.parseDouble(metrics.get(0).split("\t")[1]), 1e-9);
        assertEquals("mae", metrics.get(1).split("\t")[0]);
        io.eddy.ml.recommendation.AlsModel saved =
                (io.eddy.ml.recommendation.AlsModel) io.eddy.ml.pipeline.ModelFile.load(out.resolve("model").toString());
        assertEquals(3, saved.rank());
        assertEquals(expected.get(0).keySet(), saved.users().keySet(), "the model file the cluster wrote has every user");
        assertEquals(expected.get(1).keySet(), saved.items().keySet(), "and every item");
        for (String line : users) {
            long id = Long.parseLong(line.split("\t")[0]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    io.eddy.ml.pipeline.ModelFile.parseNumbers(line.split("\t")[1]), saved.users().get(id), 0.0);
        }

        Files.writeString(dir.resolve("bad.tsv"), "1\t2\t3.5\n1\tx\t2\n");
        Exception e = assertThrows(Exception.class, () -> run("als", "--train", dir.resolve("bad.tsv").toString(),
                "--output", dir.resolve("als2").toString()));
        Throwable root = e;
        while (root.getCause() != null && !String.valueOf(root.getMessage()).contains("Malformed")) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().contains("Malformed ratings line 2 of " + dir.resolve("bad.tsv")), root.getMessage());
    }
}
