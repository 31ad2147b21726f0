package io.eddy.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.api.config.Configuration;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.execution.DeploymentOptions;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.runtime.rest.RestOptions;
import io.eddy.testutils.cluster.ProcessCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The iteration examples on a standalone cluster of two TaskManager processes with one slot each, at
 * parallelism 2: each iteration's subtasks run in two processes, whose heads align every superstep
 * through the JobManager, so the results must equal the plain-Java ones exactly as on one TaskManager.
 */
class IterationExamplesAcrossProcessesITCase {
    @TempDir
    static Path dir;

    private static ProcessCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new ProcessCluster(dir, 1);
        cluster.keepTaskManagers(2);
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ExecutionEnvironment remote() throws Exception {
        Path jar = dir.resolve("job.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream empty = new JarOutputStream(out)) {
            // the examples' classes are on the cluster's class path already; the jar only has to exist
        }
        Configuration config = new Configuration();
        config.set(DeploymentOptions.TARGET, "remote");
        config.set(DeploymentOptions.JARS, jar.toString());
        config.set(RestOptions.ADDRESS, "127.0.0.1");
        config.set(RestOptions.PORT, cluster.restPort());
        return ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
    }

    @Test
    void kMeansAcrossTwoTaskManagerProcessesEqualsPlainLloyd() throws Exception {
        int k = 5;
        int iterations = 8;
        List<Tuple2<Double, Double>> points = KMeans.points(4000, k);
        Path output = dir.resolve("centroids");
        ExecutionEnvironment env = remote();
        KMeans.centroids(env, points, k, iterations).writeAsCsv(output.toString());
        env.execute("kmeans across processes");

        List<Tuple3<Integer, Double, Double>> actual = new ArrayList<>();
        for (String[] f : csvLines(output)) {
            actual.add(Tuple3.of(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
        }
        actual.sort(Comparator.comparing(c -> c.f0));
        IterationExamplesTest.assertCentroids(IterationExamplesTest.lloyd(points, k, iterations), actual);
        assertLastJobRanOnBothTaskManagers();
    }

    @Test
    void connectedComponentsAcrossTwoTaskManagerProcessesEqualsUnionFind() throws Exception {
        long vertices = 3000;
        List<Tuple2<Long, Long>> edges = ConnectedComponents.edges(vertices, 2500, 11);
        Path output = dir.resolve("components");
        ExecutionEnvironment env = remote();
        ConnectedComponents.labels(env, vertices, edges, 1000).writeAsCsv(output.toString());
        env.execute("connected components across processes");

        List<Tuple2<Long, Long>> actual = new ArrayList<>();
        for (String[] f : csvLines(output)) {
            actual.add(Tuple2.of(Long.parseLong(f[0]), Long.parseLong(f[1])));
        }
        actual.sort(Comparator.comparing(t -> t.f0));
        assertEquals(IterationExamplesTest.components(vertices, edges), actual);
        assertLastJobRanOnBothTaskManagers();
    }

    /** The fields of every line of the part files in {@code directory}. */
    private static List<String[]> csvLines(Path directory) throws Exception {
        List<String[]> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(directory)) {
            for (Path part : parts.toList()) {
                Files.readAllLines(part).forEach(line -> lines.add(line.split(",")));
            }
        }
        return lines;
    }

    /** Every job finished; the iteration's subtasks of the last one ran in both TaskManager processes. */
    private static void assertLastJobRanOnBothTaskManagers() throws Exception {
        JsonNode jobs = cluster.rest("/jobs");
        JsonNode last = null;
        for (JsonNode job : jobs) {
            assertEquals("FINISHED", job.path("status").asText(), job.toString());
            if (last == null || job.path("startTime").asLong() > last.path("startTime").asLong()) {
                last = job;
            }
        }
        Set<String> taskManagers = new HashSet<>();
        for (JsonNode vertex : cluster.rest("/jobs/" + last.path("jobId").asText()).path("vertices")) {
            if (vertex.path("name").asText().toLowerCase().contains("iteration")) {
                vertex.path("subtasks").forEach(s -> taskManagers.add(s.path("taskManager").asText()));
            }
        }
        assertEquals(2, taskManagers.size(), "the iteration's subtasks ran on " + taskManagers);
    }
}
