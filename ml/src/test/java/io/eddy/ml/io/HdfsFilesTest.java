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
        assertEquals(io.eddy.ml.recommendation.AlsModel.table(written.users()),
                Files.readString(local.resolve("als").resolve("users").resolve("part-0")));
    }
}
