package io.eddy.ml.io;

import io.eddy.api.config.Configuration;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.ml.MlTestData;
import io.eddy.ml.cli.MlCommand;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.pipeline.ModelFile;
import io.eddy.ml.regression.LinearModel;
import io.eddy.ml.regression.MultipleLinearRegressionTestSupport;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs, model files and {@code eddy ml} on {@code hdfs://}, against one MiniDFSCluster. */
@Timeout(300)
class HdfsFilesTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    private static MiniDFSCluster dfs;

    @BeforeAll
    static void startDfs(@TempDir Path directory) throws Exception {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, directory.toString());
        conf.setInt("dfs.replication", 1);
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        dfs.waitActive();
    }

    @AfterAll
    static void stopDfs() {
        if (dfs != null) {
            dfs.shutdown();
        }
    }

    private static String uri(String path) {
        return dfs.getURI() + path;
    }

    /** Writes the rows as CSV {@code f1,…,fd,label} to {@code file} on HDFS. */
    private static void writeCsv(String file, List<LabeledVector> rows) throws Exception {
        try (BufferedWriter w = HadoopPaths.createText(file)) {
            for (LabeledVector v : rows) {
                for (int j = 0; j < v.features().size(); j++) {
                    w.write(v.features().get(j) + ",");
                }
                w.write(v.label() + "\n");
            }
        }
    }

    @Test
    void trainsFromADirectoryOnHdfsAndSavesTheModelThere() throws Exception {
        List<LabeledVector> all = MlTestData.linear(300, new double[] {1.5, -2}, 0.25, 0.1, 6);
        writeCsv(uri("/data/train/part-1"), all.subList(0, 100));
        writeCsv(uri("/data/train/part-2"), all.subList(100, 300));
        writeCsv(uri("/data/train/_SUCCESS"), List.of());
        assertEquals(List.of(uri("/data/train/part-1"), uri("/data/train/part-2")), HadoopPaths.listFiles(uri("/data/train")));

        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
        LinearModel model = new io.eddy.ml.regression.MultipleLinearRegression()
                .fit(VectorFiles.readCsv(env, uri("/data/train"), true));
        double[] expected = MultipleLinearRegressionTestSupport.optimum(all, 0.0);
        assertArrayEquals(new double[] {expected[0], expected[1]}, model.weights(), 1e-9);
        assertEquals(expected[2], model.intercept(), 1e-9);

        model.save(uri("/models/linear"));
        assertTrue(FileSystem.get(dfs.getURI(), dfs.getConfiguration(0)).exists(new org.apache.hadoop.fs.Path("/models/linear")));
        LinearModel loaded = (LinearModel) ModelFile.load(uri("/models/linear"));
        assertArrayEquals(model.weights(), loaded.weights(), 0);
        assertEquals(model.intercept(), loaded.intercept(), 0);
    }

    /** {@code f1,…,fd[,label]} lines of the rows. */
    private static String csvText(List<LabeledVector> rows, boolean withLabel) {
        StringBuilder b = new StringBuilder();
        for (LabeledVector v : rows) {
            for (int j = 0; j < v.features().size(); j++) {
                b.append(j > 0 ? "," : "").append(v.features().get(j));
            }
            b.append(withLabel ? "," + v.label() : "").append('\n');
        }
        return b.toString();
    }

    /** Every file under {@code directory} of the local disk, by its path relative to the directory, with its text. */
    private static Map<String, String> localFiles(Path directory) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (var walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(directory.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

    /** Every file under {@code path} of the MiniDFSCluster, by its path relative to it, with its text read through the SPI. */
    private static Map<String, String> hdfsFiles(String path) throws Exception {
        Map<String, String> files = new TreeMap<>();
        FileSystem hdfs = FileSystem.get(dfs.getURI(), dfs.getConfiguration(0));
        var listing = hdfs.listFiles(new org.apache.hadoop.fs.Path(path), true);
        while (listing.hasNext()) {
            String file = listing.next().getPath().toUri().getPath();
            StringBuilder text = new StringBuilder();
            try (var reader = HadoopPaths.openText(uri(file))) {
                for (int c = reader.read(); c >= 0; c = reader.read()) {
                    text.append((char) c);
                }
            }
            files.put(file.substring(path.length() + 1), text.toString());
        }
        return files;
    }

    /**
     * {@code eddy ml … --output hdfs://…} writes the same files, line for line, as the same run with a
     * local {@code --output}: results, model, metrics and the part files the cluster writes in parallel.
     * One input file each, read by one subtask, so both runs add their numbers in the same order.
     */
    @Test
    void theCommandWritesTheSameFilesToHdfsAsToALocalDirectory(@TempDir Path local) throws Exception {
        List<LabeledVector> points = io.eddy.ml.clustering.KMeansTestSupport.points(400, 3);
        Files.writeString(local.resolve("points.csv"), csvText(points, false));
        Files.writeString(local.resolve("initial.csv"), csvText(points.subList(0, 3), false));
        Files.writeString(local.resolve("train.csv"), csvText(MlTestData.linear(150, new double[] {1, -2}, 0.5, 0.1, 3), true));
        Files.writeString(local.resolve("test.csv"), csvText(MlTestData.linear(40, new double[] {1, -2}, 0.5, 0.1, 4), true));
        StringBuilder ratings = new StringBuilder();
        for (io.eddy.api.tuple.Tuple3<Long, Long, Double> r : io.eddy.ml.recommendation.AlsTest.ratings(300, 7)) {
            ratings.append(r.f0).append('\t').append(r.f1).append('\t').append(r.f2).append('\n');
        }
        Files.writeString(local.resolve("ratings.tsv"), ratings);
        String in = local.toString() + "/";
        Map<String, List<String>> runs = new java.util.LinkedHashMap<>();
        runs.put("kmeans", List.of("--train", in + "points.csv", "--no-label", "--centroids", in + "initial.csv",
                "--iterations", "4"));
        runs.put("linear-regression", List.of("--train", in + "train.csv", "--test", in + "test.csv"));
        runs.put("als", List.of("--train", in + "ratings.tsv", "--rank", "2", "--iterations", "3", "--seed", "5"));
        runs.put("standard-scaler", List.of("--train", in + "train.csv"));
        Map<String, List<String>> expectedFiles = Map.of(
                "kmeans", List.of("centroids", "model"),
                "linear-regression", List.of("metrics", "model", "weights"),
                "als", List.of("items/part-00000", "items/part-00001", "items/part-00002", "model",
                        "users/part-00000", "users/part-00001", "users/part-00002"),
                "standard-scaler", List.of("features/part-00000", "features/part-00001", "features/part-00002", "model"));
        MlCommand command = new MlCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new Configuration());
        for (Map.Entry<String, List<String>> run : runs.entrySet()) {
            String algorithm = run.getKey();
            for (String output : List.of(local.resolve("out-" + algorithm).toString(), uri("/out/" + algorithm))) {
                List<String> args = new java.util.ArrayList<>(List.of(algorithm));
                args.addAll(run.getValue());
                args.addAll(List.of("--output", output, "-p", "3"));
                assertEquals(0, command.run(args), algorithm + " to " + output);
            }
            Map<String, String> written = localFiles(local.resolve("out-" + algorithm));
            assertEquals(expectedFiles.get(algorithm), List.copyOf(written.keySet()), algorithm);
            assertEquals(written, hdfsFiles("/out/" + algorithm), algorithm);
        }
        assertTrue(assertThrows(MlCommand.UsageException.class, () -> command.run(List.of("kmeans", "--train",
                in + "points.csv", "--no-label", "--output", uri("/out/kmeans")))).getMessage()
                .endsWith("/out/kmeans exists: remove it or give another --output"));
    }

    @Test
    void theCommandLineReadsHdfsInputsAndWritesTheModelThere(@TempDir Path local) throws Exception {
        List<LabeledVector> train = MlTestData.linear(120, new double[] {0.5}, -1, 0.05, 9);
        writeCsv(uri("/cli/train.csv"), train);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        MlCommand command = new MlCommand(new PrintStream(printed, true, StandardCharsets.UTF_8), new Configuration());
        assertEquals(0, command.run(List.of("ridge", "--train", uri("/cli/train.csv"), "--lambda", "0.5",
                "--output", local.resolve("out").toString(), "--model-out", uri("/cli/model"))));
        LinearModel saved = (LinearModel) ModelFile.load(uri("/cli/model"));
        double[] expected = MultipleLinearRegressionTestSupport.optimum(train, 0.5);
        assertEquals(expected[0], saved.weights()[0], 1e-9);
        assertEquals(expected[1], saved.intercept(), 1e-9);
        assertEquals(Files.readString(local.resolve("out").resolve("weights")), saved.toTable());

        MlCommand.UsageException missing = assertThrows(MlCommand.UsageException.class, () -> command.run(List.of("ridge",
                "--train", uri("/cli/none.csv"), "--output", local.resolve("out2").toString())));
        assertTrue(missing.getMessage().startsWith("--train " + uri("/cli/none.csv") + ": Input path does not exist: "
                + uri("/cli/none.csv")), missing.getMessage());
        assertThrows(FileNotFoundException.class, () -> ModelFile.load(uri("/cli/no-model")));
    }

    /** The cluster writes the SVM's and ALS's model files straight to HDFS; they read back equal to the local ones. */
    @Test
    void theClusterWritesSvmAndAlsModelsToHdfs(@TempDir Path local) throws Exception {
        List<LabeledVector> train = MlTestData.twoClasses(120, 2, 0.6, 5);
        writeCsv(uri("/cluster/svm.csv"), train);
        MlCommand command = new MlCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new Configuration());
        assertEquals(0, command.run(List.of("svm", "--train", uri("/cluster/svm.csv"), "--lambda", "0.05",
                "--output", local.resolve("svm").toString(), "--model-out", uri("/cluster/svm-model"), "-p", "2")));
        LinearModel svm = (LinearModel) ModelFile.load(uri("/cluster/svm-model"));
        assertEquals(Files.readString(local.resolve("svm").resolve("weights")), svm.toTable());
        assertEquals(svm.toTable(), ((LinearModel) ModelFile.load(local.resolve("svm").resolve("model").toString())).toTable());

        StringBuilder ratings = new StringBuilder();
        for (io.eddy.api.tuple.Tuple3<Long, Long, Double> r : io.eddy.ml.recommendation.AlsTest.ratings(200, 3)) {
            ratings.append(r.f0).append('\t').append(r.f1).append('\t').append(r.f2).append('\n');
        }
        try (BufferedWriter w = HadoopPaths.createText(uri("/cluster/ratings.tsv"))) {
            w.write(ratings.toString());
        }
        assertEquals(0, command.run(List.of("als", "--train", uri("/cluster/ratings.tsv"), "--rank", "2",
                "--iterations", "3", "--output", local.resolve("als").toString(), "--model-out", uri("/cluster/als-model"),
                "-p", "2")));
        io.eddy.ml.recommendation.AlsModel remote = (io.eddy.ml.recommendation.AlsModel) ModelFile.load(uri("/cluster/als-model"));
        io.eddy.ml.recommendation.AlsModel written =
                (io.eddy.ml.recommendation.AlsModel) ModelFile.load(local.resolve("als").resolve("model").toString());
        assertEquals(written.users().keySet(), remote.users().keySet());
        assertEquals(written.items().keySet(), remote.items().keySet());
        written.users().forEach((id, v) -> assertArrayEquals(v, remote.users().get(id), 0.0));
        StringBuilder users = new StringBuilder();
        for (String part : HadoopPaths.listFiles(local.resolve("als").resolve("users").toString())) {
            users.append(Files.readString(Path.of(part)));
        }
        assertEquals(io.eddy.ml.recommendation.AlsModel.table(written.users()), users.toString(),
                "the part files in name order are in id order");
    }
}
