package io.eddy.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.api.config.Configuration;
import io.eddy.runtime.minicluster.MiniCluster;
import io.eddy.runtime.minicluster.MiniClusterOptions;
import io.eddy.runtime.rest.JobManagerRestApi;
import io.eddy.runtime.rest.RestClient;
import io.eddy.runtime.rest.RestServer;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import io.eddy.testutils.checkpoint.InMemoryCheckpointStorageFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI against a cluster reached through its REST API: {@code run -m}, {@code list},
 * {@code info}, {@code cancel}. The cluster runs in this JVM behind a real HTTP server.
 */
class RemoteClusterTest {
    private static MiniCluster cluster;
    private static RestServer rest;
    private static String address;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        Configuration config = new Configuration();
        config.set(MiniClusterOptions.NUM_TASK_MANAGERS, 2);
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        cluster = new MiniCluster(config);
        rest = new JobManagerRestApi(cluster.getJobManager(), dir.resolve("jars")).install(new RestServer(64 << 20));
        address = "127.0.0.1:" + rest.start("127.0.0.1", 0).getPort();
    }

    @AfterAll
    static void stopCluster() {
        rest.close();
        cluster.close();
    }

    private record Result(int code, String out, String err) {}

    private static Result eddy(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new EddyCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Configuration::new).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runsAJobOnTheClusterAndListsIt() throws Exception {
        Path output = dir.resolve("sums");
        Result run = eddy("run", "-m", address, "-p", "3", TestPrograms.jar(dir, TestPrograms.Sums.class).toString(),
                output.toString(), "2000");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("(sums) FINISHED"), run.err());
        List<Long> sums = new ArrayList<>();
        try (Stream<Path> parts = Files.list(output)) {
            for (Path part : parts.toList()) {
                Files.readAllLines(part).forEach(l -> sums.add(Long.parseLong(l)));
            }
        }
        assertEquals(2000, sums.size());
        // the last update of each parity is its full sum; the even one is the largest of all
        assertEquals(1_001_000L, sums.stream().mapToLong(Long::longValue).max().orElseThrow());
        assertTrue(sums.contains(1_000_000L), "the sum of the odd numbers");

        Result list = eddy("list", "-m", address);
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.contains("FINISHED") && l.endsWith("sums")), list.out());
    }

    @Test
    void aFailingJobReportsTheRemoteRootCauseAndTheUserFrame() throws Exception {
        Result run = eddy("run", "-m", address, TestPrograms.jar(dir, TestPrograms.FailsInMap.class).toString());
        assertEquals(EddyCli.FAILED, run.code());
        String last = run.err().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.matches("eddy: job \\w+ failed: java.lang.IllegalStateException: record 500 is bad "
                + "\\(at io.eddy.client.cli.TestPrograms\\$FailsInMap.check\\(TestPrograms.java:\\d+\\)\\)"), last);
    }

    /** Runs an endless program through the CLI in another thread, with the given {@code eddy run} options. */
    private static CompletableFuture<Result> runEndless(Class<?> program, String... options) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                List<String> args = new ArrayList<>(List.of("run", "-m", address));
                args.addAll(List.of(options));
                args.add(TestPrograms.jar(dir, program).toString());
                return eddy(args.toArray(new String[0]));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    /** The id of the running job named {@code name}, as {@code eddy list} shows it once it runs. */
    private static String runningJob(String name) throws InterruptedException {
        while (true) {
            Result list = eddy("list", "-m", address);
            String jobId = list.out().lines().filter(l -> l.contains("RUNNING") && l.endsWith("  " + name))
                    .map(l -> l.split("\\s+")[0]).findFirst().orElse(null);
            if (jobId != null) {
                return jobId;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aDetachedRunPrintsTheJobIdAndLeavesTheJobRunning() throws Exception {
        Result run = eddy("run", "-d", "-m", address, TestPrograms.jar(dir, TestPrograms.Endless.class).toString());
        assertEquals(0, run.code(), run.err());
        Matcher submitted = Pattern.compile("Job ([0-9a-f]{32}) submitted; it runs on without this command")
                .matcher(run.err());
        assertTrue(submitted.find(), run.err());
        String jobId = submitted.group(1);
        Result info = eddy("info", "-m", address, jobId);
        assertTrue(info.out().startsWith("Job " + jobId + " (endless): "), info.out());
        assertFalse(info.out().contains("FINISHED") || info.out().contains("CANCELED"), info.out());
        assertEquals(0, eddy("cancel", "-m", address, jobId).code());

        Result local = eddy("run", "-d", TestPrograms.jar(dir, TestPrograms.Endless.class).toString());
        assertEquals(EddyCli.USAGE, local.code());
        assertEquals("eddy: -d needs a cluster to leave the job to: add -t remote, yarn-session, yarn-per-job or "
                + "yarn-application (the local cluster ends with this command)", local.err().strip());
    }

    @Test
    void infoAndCancelOfARunningJob() throws Exception {
        CompletableFuture<Result> running = runEndless(TestPrograms.Endless.class);
        String jobId = runningJob("endless");
        Result info = eddy("info", "-m", address, jobId);
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().startsWith("Job " + jobId + " (endless): RUNNING"), info.out());
        assertTrue(info.out().contains("Source: Sequence"), info.out());

        Result cancel = eddy("cancel", "-m", address, jobId);
        assertEquals(0, cancel.code(), cancel.err());
        Result run = running.get(60, TimeUnit.SECONDS);
        assertEquals(EddyCli.FAILED, run.code());
        assertTrue(run.err().contains("was cancelled"), run.err());
    }

    /**
     * {@code GET /jobs/:jobId} and {@code eddy info} per subtask: of two source subtasks, only the
     * one whose consumer sleeps per record waits for buffers; the other one sleeps itself.
     */
    @Test
    void jobDetailsAndInfoShowBackPressurePerSubtask() throws Exception {
        CompletableFuture<Result> running = runEndless(TestPrograms.OneSlowSubtask.class);
        String jobId = runningJob("one slow subtask");
        RestClient client = new RestClient(address, Duration.ofSeconds(5), Duration.ofSeconds(30));
        // each request measures the time since the previous one; the slow consumer's buffers fill up first
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode vertices;
        do {
            assertTrue(System.nanoTime() < deadline, "subtask 0 of the source never became back-pressured");
            Thread.sleep(200);
            vertices = client.get("/jobs/" + jobId).path("vertices");
        } while (vertices.path(0).path("subtasks").path(0).path("backpressureRatio").asDouble() <= 0.5);

        JsonNode source = vertices.path(0).path("subtasks");
        assertEquals(2, source.size());
        double slow = source.path(0).path("backpressureRatio").asDouble();
        double fast = source.path(1).path("backpressureRatio").asDouble();
        assertTrue(fast < 0.1 && fast < slow, "only subtask 0 is back-pressured: " + slow + " and " + fast);
        assertEquals(source.path(0).path("recordsOut").asLong() + source.path(1).path("recordsOut").asLong(),
                vertices.path(0).path("recordsOut").asLong());
        for (int i = 0; i < 2; i++) {
            JsonNode subtask = source.path(i);
            assertEquals(i, subtask.path("index").asInt());
            assertEquals("RUNNING", subtask.path("status").asText());
            assertEquals("in-process", subtask.path("location").asText());
            assertFalse(subtask.path("taskManager").asText().isEmpty());
            // the consumers end in a sink: nothing downstream to wait for
            assertEquals(0.0, vertices.path(1).path("subtasks").path(i).path("backpressureRatio").asDouble());
        }

        Thread.sleep(200); // what eddy info shows is measured since the request above
        Result info = eddy("info", "-m", address, jobId);
        assertEquals(0, info.code(), info.err());
        List<String> lines = info.out().lines().toList();
        int vertex = lines.indexOf(lines.stream().filter(l -> l.startsWith("  Source: Sequence")).findFirst()
                .orElseThrow(() -> new AssertionError(info.out())));
        for (int i = 0; i < 2; i++) {
            String line = lines.get(vertex + 1 + i);
            assertTrue(line.matches("    subtask " + i + " +RUNNING +\\d+ +\\d+ +\\d+% +"
                    + Pattern.quote(source.path(i).path("taskManager").asText() + " (in-process)")), line);
        }
        assertTrue(percent(lines.get(vertex + 1)) > 50, info.out());
        assertTrue(percent(lines.get(vertex + 2)) < percent(lines.get(vertex + 1)), info.out());

        assertEquals(0, eddy("cancel", "-m", address, jobId).code());
        assertEquals(EddyCli.FAILED, running.get(60, TimeUnit.SECONDS).code());
    }

    /** The back-pressure column of a line of {@code eddy info}. */
    private static int percent(String line) {
        String column = line.substring(0, line.lastIndexOf('%'));
        return Integer.parseInt(column.substring(column.lastIndexOf(' ') + 1));
    }

    @Test
    void aJarUploadedThroughTheRestApiRunsOnTheJobManager() throws Exception {
        RestClient rest = new RestClient(address, Duration.ofSeconds(2), Duration.ofSeconds(30));
        byte[] jar = Files.readAllBytes(TestPrograms.jar(dir, TestPrograms.FailsInMap.class));
        String jarId = rest.post("/jars", jar, "application/java-archive").get("jarId").asText();
        assertTrue(rest.get("/jars").toString().contains(jarId));

        Path output = dir.resolve("uploaded-sums");
        String body = "{\"entryClass\": \"" + TestPrograms.Sums.class.getName() + "\", \"parallelism\": 2, "
                + "\"programArgs\": [\"" + output + "\", \"500\"]}";
        String jobId = rest.post("/jars/" + jarId + "/run", body.getBytes(StandardCharsets.UTF_8), "application/json")
                .get("jobId").asText();
        String status = "";
        for (long deadline = System.currentTimeMillis() + 60_000; !status.equals("FINISHED");) {
            status = rest.get("/jobs/" + jobId).get("status").asText();
            assertTrue(System.currentTimeMillis() < deadline && !status.equals("FAILED"), "job ended " + status);
            Thread.sleep(20);
        }
        long lines;
        try (Stream<Path> parts = Files.list(output)) {
            lines = parts.mapToLong(p -> {
                try {
                    return Files.readAllLines(p).size();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
        assertEquals(500, lines);

        RestClient.RestClientException notAJar = assertThrows(RestClient.RestClientException.class,
                () -> rest.post("/jars", "hello".getBytes(StandardCharsets.UTF_8), "application/java-archive"));
        assertEquals(400, notAJar.status());
        RestClient.RestClientException noJob = assertThrows(RestClient.RestClientException.class,
                () -> rest.post("/jars/" + jarId + "/run", ("{\"entryClass\": \""
                        + TestPrograms.NeverExecutes.class.getName() + "\"}").getBytes(StandardCharsets.UTF_8),
                        "application/json"));
        assertTrue(noJob.getMessage().contains("main returned without running a job"), noJob.getMessage());
    }

    @Test
    void unknownJobsAndUnreachableClustersGiveOneLine() throws Exception {
        Result unknown = eddy("info", "-m", address, "0123456789abcdef0123456789abcdef");
        assertEquals(EddyCli.FAILED, unknown.code());
        assertEquals("eddy: No job 0123456789abcdef0123456789abcdef on this cluster\n", unknown.err());
        Result notAnId = eddy("cancel", "-m", address, "xyz");
        assertEquals("eddy: 'xyz' is not a job id (32 hex digits)\n", notAnId.err());

        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        Result nowhere = eddy("list", "-m", "127.0.0.1:" + freePort);
        assertEquals(EddyCli.FAILED, nowhere.code());
        assertTrue(nowhere.err().startsWith("eddy: cannot reach the JobManager at http://127.0.0.1:" + freePort),
                nowhere.err());
        assertEquals(1, nowhere.err().lines().count());
        Result badAddress = eddy("list", "-m", "localhost");
        assertEquals(EddyCli.USAGE, badAddress.code());
    }

    /**
     * Savepoints through the CLI and REST API: the job names no savepoint directory and no storage
     * serves the scheme {@code nosuch://}, so both commands fail with a line naming what to do; a
     * stop into a local directory (hdfs-state is on the cluster's class path) writes the savepoint
     * and the job finishes.
     */
    @Test
    void savepointCommandsReachTheJobAndNameTheMissingDirectory() throws Exception {
        CompletableFuture<Result> running = runEndless(TestPrograms.Endless.class);
        String jobId = runningJob("endless");
        Result savepoint = eddy("savepoint", "-m", address, jobId);
        assertEquals(EddyCli.FAILED, savepoint.code());
        assertTrue(savepoint.err().contains("state.savepoints.dir"), savepoint.err());
        Result nowhere = eddy("stop", "--savepoint", "nosuch://host/sp", "-m", address, jobId);
        assertEquals(EddyCli.FAILED, nowhere.code());
        assertTrue(nowhere.err().startsWith("eddy: No checkpoint storage for 'nosuch://host/sp'"), nowhere.err());
        assertEquals(1, nowhere.err().lines().count());
        Result tooMany = eddy("savepoint", "-m", address, jobId, "a", "b");
        assertEquals(EddyCli.USAGE, tooMany.code());

        Result stop = eddy("stop", "--savepoint", dir.resolve("sp").toString(), "-m", address, jobId);
        assertEquals(0, stop.code(), stop.err());
        String path = stop.out().lines().filter(l -> l.startsWith("Savepoint completed: "))
                .map(l -> l.substring("Savepoint completed: ".length())).findFirst().orElseThrow();
        assertTrue(Files.exists(Path.of(java.net.URI.create(path)).resolve("_metadata")), path);
        assertEquals(0, running.get(60, TimeUnit.SECONDS).code(), "a stopped job finishes");
    }

    /**
     * {@code eddy checkpoints} of a job whose checkpoints complete, then cannot be written (the
     * tests' in-memory storage fails): failed ones with their reason, completed ones with sizes,
     * and the latest completed one per subtask, as the REST API reports them.
     */
    @Test
    void checkpointsCommandShowsCompletedAndFailedCheckpoints() throws Exception {
        RestClient client = new RestClient(address, Duration.ofSeconds(2), Duration.ofSeconds(30));
        CompletableFuture<Result> running = runEndless(TestPrograms.CheckpointedEndless.class);
        String jobId = runningJob("checkpointed endless");
        awaitCheckpoints(client, jobId, "/counts/completed");
        InMemoryCheckpointStorageFactory.STORAGE.beforeEachWrite(() -> {
            throw new UncheckedIOException(new IOException("disk full (simulated)"));
        });
        try {
            awaitCheckpoints(client, jobId, "/counts/failed");
            assertEquals(0, eddy("cancel", "-m", address, jobId).code());
            assertEquals(EddyCli.FAILED, running.get(60, TimeUnit.SECONDS).code());
        } finally {
            InMemoryCheckpointStorageFactory.STORAGE.beforeEachWrite(() -> {});
        }
        // the statistics of the cancelled job stay as they are
        Result result = eddy("checkpoints", "-m", address, jobId);
        JsonNode stats = client.get("/jobs/" + jobId + "/checkpoints");

        assertEquals(0, result.code(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals("Checkpoints of job " + jobId + ": " + stats.at("/counts/completed").asLong() + " completed, "
                + stats.at("/counts/failed").asLong() + " failed, 0 in progress, 0 restored", lines.get(0));
        assertEquals("", lines.get(1));
        assertEquals("    id  kind        status       triggered      duration       size  align max   sync max"
                + "  async max     acked", lines.get(2));
        int line = 3;
        for (JsonNode c : stats.get("history")) {
            String row = lines.get(line++);
            assertTrue(row.startsWith(String.format("%6d  checkpoint  %-11s  ", c.get("id").asLong(),
                    c.get("status").asText())), row);
            assertTrue(row.endsWith(String.format("  %9s  %9s  %9s  %8s", millis(c, "maxAlignmentMillis"),
                    millis(c, "maxSyncMillis"), millis(c, "maxAsyncMillis"),
                    c.get("acknowledgedSubtasks").asInt() + "/" + c.get("totalSubtasks").asInt())), row);
            if (c.get("status").asText().equals("FAILED")) {
                assertEquals("        failed: " + c.get("failureReason").asText(), lines.get(line++));
            }
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("        failed: ") && l.contains("disk full (simulated)")),
                result.out());
        JsonNode latest = stats.at("/latest/completed");
        assertEquals("", lines.get(line++));
        assertEquals("Latest completed checkpoint " + latest.get("id").asLong() + " at " + latest.get("path").asText(),
                lines.get(line++));
        assertTrue(lines.get(line++).matches("  vertex +subtask +align +sync +async +size"), result.out());
        assertEquals(latest.get("totalSubtasks").asInt(), latest.get("subtasks").size());
        for (JsonNode subtask : latest.get("subtasks")) {
            String row = lines.get(line++);
            assertTrue(row.startsWith("  " + subtask.get("vertexName").asText() + " "), row);
            assertTrue(row.endsWith(String.format("  %7d  %9s  %9s  %9s  %9s", subtask.get("subtask").asInt(),
                    millis(subtask, "alignmentMillis"), millis(subtask, "syncMillis"), millis(subtask, "asyncMillis"),
                    CheckpointTable.bytes(subtask.get("stateSize").asLong()))), row);
        }
        assertEquals(line, lines.size());
    }

    /** A duration of the checkpoint statistics as the table shows it; the field must be there and not negative. */
    private static String millis(JsonNode json, String field) {
        assertTrue(json.path(field).isIntegralNumber() && json.get(field).asLong() >= 0, field + " in " + json);
        return json.get(field).asLong() + " ms";
    }

    /** Waits until the job's checkpoint statistics count at least one at {@code counter}. */
    private static void awaitCheckpoints(RestClient client, String jobId, String counter) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (client.get("/jobs/" + jobId + "/checkpoints").at(counter).asLong() < 1) {
            assertTrue(System.currentTimeMillis() < deadline, "no checkpoint at " + counter + " in time");
            Thread.sleep(20);
        }
    }

    /**
     * {@code eddy cancel --savepoint}: the savepoint's path is printed and the job ends CANCELED, for
     * a job without a configured directory too when the command names one. A missing target
     * directory, an unknown job and a job that is no longer running each give one line.
     */
    @Test
    void cancelWithSavepointPrintsItsPathAndTheJobEndsCanceled() throws Exception {
        CompletableFuture<Result> withoutDirectory = runEndless(TestPrograms.Endless.class);
        String jobId = runningJob("endless");
        Result noDirectory = eddy("cancel", "--savepoint", "-m", address, jobId);
        assertEquals(EddyCli.FAILED, noDirectory.code());
        assertEquals("eddy: No target directory for a savepoint of job " + jobId
                + ": name one or set 'state.savepoints.dir'\n", noDirectory.err());
        Result named = eddy("cancel", "--savepoint", "mem://cli-named", "-m", address, jobId);
        assertEquals(0, named.code(), named.err());
        assertTrue(named.out().contains("Savepoint completed: mem://cli-named/savepoint-"), named.out());
        assertEquals(EddyCli.FAILED, withoutDirectory.get(60, TimeUnit.SECONDS).code());

        CompletableFuture<Result> running = runEndless(TestPrograms.Endless.class, "-D", "state.savepoints.dir=mem://cli-savepoints");
        jobId = runningJob("endless");
        Result cancel = eddy("cancel", "--savepoint", "-m", address, jobId);
        assertEquals(0, cancel.code(), cancel.err());
        String savepoint = cancel.out().lines().filter(l -> l.startsWith("Savepoint completed: "))
                .map(l -> l.substring("Savepoint completed: ".length())).findFirst().orElseThrow();
        assertTrue(savepoint.startsWith("mem://cli-savepoints/savepoint-"), cancel.out());
        assertTrue(cancel.out().contains("Job " + jobId + " is cancelled"), cancel.out());
        Result run = running.get(60, TimeUnit.SECONDS);
        assertEquals(EddyCli.FAILED, run.code());
        assertTrue(run.err().contains("was cancelled"), run.err());
        assertEquals("CANCELED", new RestClient(address, Duration.ofSeconds(2), Duration.ofSeconds(30))
                .get("/jobs/" + jobId).get("status").asText());
        InMemoryCheckpointStorageFactory.STORAGE.readMetadata(savepoint);

        Result notRunning = eddy("cancel", "--savepoint", "mem://cli-savepoints", "-m", address, jobId);
        assertEquals("eddy: Cannot take a savepoint of job " + jobId + ": it is CANCELED\n", notRunning.err());
        Result unknown = eddy("cancel", "--savepoint", "-m", address, "0123456789abcdef0123456789abcdef");
        assertEquals("eddy: No job 0123456789abcdef0123456789abcdef on this cluster\n", unknown.err());
    }

    @Test
    void runFromSavepointSetsTheOptions() throws Exception {
        RunOptions options = RunOptions.parse("run", List.of("-s", "hdfs:///sp/savepoint-1", "-n", "job.jar"));
        assertEquals("hdfs:///sp/savepoint-1", options.dynamicProperties().get("execution.savepoint.path"));
        assertEquals("true", options.dynamicProperties().get("execution.savepoint.ignore-unclaimed-state"));
    }
}
