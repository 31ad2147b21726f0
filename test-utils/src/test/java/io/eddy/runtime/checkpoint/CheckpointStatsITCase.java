package io.eddy.runtime.checkpoint;

import io.eddy.testutils.checkpoint.InMemoryCheckpointStorageFactory;
import io.eddy.testutils.checkpoint.InMemoryCheckpointStorage;
import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.api.connector.sink.DiscardingSink;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.RestartStrategy;
import io.eddy.api.types.Types;
import io.eddy.runtime.checkpoint.CheckpointStats.Kind;
import io.eddy.runtime.checkpoint.CheckpointStats.Status;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.runtime.rest.JobManagerRestApi;
import io.eddy.runtime.rest.RestClient;
import io.eddy.runtime.rest.RestServer;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoint statistics of jobs on an embedded cluster, checked against what the in-memory
 * storage holds, and served by the REST API.
 */
class CheckpointStatsITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 2);

    private static final InMemoryCheckpointStorage STORAGE = InMemoryCheckpointStorageFactory.STORAGE;
    private static RestServer server;
    private static RestClient rest;

    /** Until set, every record is slowed down, so the job lives through checkpoints. */
    static volatile boolean released;
    /** Once set, the keyed map throws at its next record, once. */
    static final AtomicBoolean FAIL = new AtomicBoolean();

    @TempDir
    static Path jars;

    @BeforeAll
    static void startRest() throws Exception {
        server = new JobManagerRestApi(CLUSTER.cluster().getJobManager(), jars).install(new RestServer(1 << 20));
        rest = new RestClient("127.0.0.1:" + server.start("127.0.0.1", 0).getPort(), Duration.ofSeconds(2),
                Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopRest() {
        server.close();
    }

    @BeforeEach
    void reset() {
        released = false;
        FAIL.set(false);
    }

    static long gate(long v) throws InterruptedException {
        if (!released) {
            Thread.sleep(1);
        }
        return v;
    }

    static long failOnce(long v) {
        if (FAIL.get() && FAIL.compareAndSet(true, false)) {
            throw new IllegalStateException("failing at " + v + " on purpose");
        }
        return v;
    }

    /** Source and gate (2 subtasks) → keyBy → a keyed running count, maybe failing once, and a sink (2 subtasks). */
    private static JobClient submit(StreamExecutionEnvironment env, long records) throws Exception {
        env.fromSequence(0, records - 1)
                .map(CheckpointStatsITCase::gate).returns(Types.LONG)
                .keyBy(v -> v % 10, Types.LONG)
                .map(CheckpointStatsITCase::failOnce).returns(Types.LONG)
                .keyBy(v -> v % 10, Types.LONG)
                .reduce(Long::sum)
                .sinkTo(new DiscardingSink<>());
        return env.executeAsync("checkpoint stats");
    }

    private static StreamExecutionEnvironment checkpointing() {
        StreamExecutionEnvironment env = CLUSTER.env(2);
        env.enableCheckpointing(20);
        env.getCheckpointConfig().setCheckpointDirectory(InMemoryCheckpointStorageFactory.DIRECTORY)
                .setNumRetainedCheckpoints(1000) // keeps every checkpoint's files to compare with
                .setTolerableCheckpointFailureNumber(1000)
                .setSavepointDirectory(InMemoryCheckpointStorageFactory.DIRECTORY + "savepoints");
        env.setRestartStrategy(RestartStrategy.fixedDelay(3, 10));
        return env;
    }

    private static JobMaster jobMaster(JobClient client) {
        return CLUSTER.cluster().getJobManager().getJob(client.getJobId());
    }

    private static CheckpointStatsSnapshot awaitStats(JobClient client, Predicate<CheckpointStatsSnapshot> condition)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            CheckpointStatsSnapshot stats = CLUSTER.cluster().getCheckpointStats(client.getJobId());
            if (condition.test(stats)) {
                return stats;
            }
            assertTrue(System.currentTimeMillis() < deadline, "no such checkpoint statistics in time: " + stats);
            Thread.sleep(10);
        }
    }

    @Test
    void completedCheckpointsHaveDurationsAndTheSizesOfTheirStoredFilesForEverySubtask() throws Exception {
        JobClient client = submit(checkpointing(), 10_000);
        awaitStats(client, s -> s.completed() >= 3);
        released = true;
        client.getJobExecutionResult().get(1, TimeUnit.MINUTES);

        CheckpointStatsSnapshot stats = CLUSTER.cluster().getCheckpointStats(client.getJobId());
        List<JobVertex> vertices = jobMaster(client).getJobGraph().getVertices();
        int subtasks = vertices.stream().mapToInt(JobVertex::getParallelism).sum();
        assertEquals(6, subtasks);
        List<CheckpointStats> completed = stats.history().stream().filter(c -> c.status() == Status.COMPLETED).toList();
        assertTrue(completed.size() >= 3, stats.toString());
        assertEquals(completed.get(0), stats.latestCompleted());
        assertEquals(0, stats.inProgress());
        for (CheckpointStats c : completed) {
            assertEquals(Kind.CHECKPOINT, c.kind());
            assertEquals("mem://" + client.getJobId().toHexString() + "/chk-" + c.id(), c.path());
            assertTrue(c.durationMillis() >= 0 && c.triggerTimestamp() > 0, c.toString());
            assertEquals(subtasks, c.acknowledgedSubtasks());
            assertEquals(subtasks, c.totalSubtasks());
            assertEquals(subtasks, c.subtasks().size());
            for (JobVertex v : vertices) {
                for (int i = 0; i < v.getParallelism(); i++) {
                    int subtask = i;
                    assertTrue(c.subtasks().stream().anyMatch(s -> s.vertexId().equals(v.getId())
                            && s.subtask() == subtask), v.getName() + " " + subtask + " in " + c);
                }
            }
            for (CheckpointStats.Subtask s : c.subtasks()) {
                CheckpointDurations d = s.durations();
                assertTrue(d.alignmentMillis() >= 0 && d.syncMillis() >= 0 && d.asyncMillis() >= 0
                        && s.acknowledgeTimestamp() >= c.triggerTimestamp(), s.toString());
                if (s.vertexId().equals(vertices.get(0).getId())) {
                    assertEquals(0, d.alignmentMillis(), "a source task has no barriers to align: " + s);
                }
            }
            assertEquals(c.subtasks().stream().mapToLong(s -> s.durations().alignmentMillis()).max().orElseThrow(),
                    c.maxAlignmentMillis());
            assertTrue(c.stateSize() > 0);
            assertEquals(storedBytes(c.path()), subtaskSizes(c));
            assertEquals(c.stateSize(), c.subtasks().stream().mapToLong(CheckpointStats.Subtask::stateSize).sum());
        }
    }

    /** The bytes of the state files a checkpoint's metadata refers to, read back from the storage, per subtask. */
    private static Map<String, Long> storedBytes(String pointer) throws IOException {
        CompletedCheckpoint metadata = CompletedCheckpoint.fromBytes(STORAGE.readMetadata(pointer));
        Map<String, Long> sizes = new HashMap<>();
        metadata.vertices().forEach((vertex, subtasks) -> {
            for (int i = 0; i < subtasks.size(); i++) {
                long size = 0;
                for (OperatorSnapshot o : subtasks.get(i).operators()) {
                    size += (o.keyedState() == null ? 0 : read(o.keyedState().file()))
                            + (o.operatorState() == null ? 0 : read(o.operatorState()));
                }
                sizes.put(vertex + "/" + i, size);
            }
        });
        return sizes;
    }

    private static long read(StateHandle handle) {
        try {
            return STORAGE.read(handle).length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Long> subtaskSizes(CheckpointStats c) {
        Map<String, Long> sizes = new HashMap<>();
        c.subtasks().forEach(s -> sizes.put(s.vertexId() + "/" + s.subtask(), s.stateSize()));
        return sizes;
    }

    @Test
    void checkpointsThatCannotBeWrittenShowAsFailedWithTheirReason() throws Exception {
        STORAGE.beforeEachWrite(() -> {
            throw new UncheckedIOException(new IOException("disk full (simulated)"));
        });
        JobClient client;
        CheckpointStatsSnapshot failing;
        try {
            client = submit(checkpointing(), 1_000_000);
            failing = awaitStats(client, s -> s.failed() >= 2);
        } finally {
            STORAGE.beforeEachWrite(() -> {});
        }
        CheckpointStats failed = failing.latestFailed();
        assertEquals(Status.FAILED, failed.status());
        assertTrue(failed.failureReason().contains("disk full (simulated)"), failed.failureReason());
        assertNull(failed.path());
        assertTrue(failing.history().stream().anyMatch(c -> c.id() == failed.id() && c.status() == Status.FAILED));

        CheckpointStatsSnapshot recovered = awaitStats(client, s -> s.latestCompleted() != null);
        assertTrue(recovered.latestCompleted().id() > failed.id());
        assertTrue(recovered.failed() >= 2);
        client.cancel();
    }

    @Test
    void restoresAndSavepointsAreRecorded() throws Exception {
        JobClient client = submit(checkpointing(), 1_000_000);
        CheckpointStatsSnapshot before = awaitStats(client, s -> s.completed() >= 1);
        assertEquals(0, before.restored());
        assertNull(before.latestRestored());
        FAIL.set(true);
        CheckpointStatsSnapshot restored = awaitStats(client, s -> s.restored() == 1);
        JobMaster job = jobMaster(client);
        assertTrue(job.getRestoredCheckpointId() >= before.latestCompleted().id());
        assertEquals(job.getRestoredCheckpointId(), restored.latestRestored().id());
        assertEquals("mem://" + client.getJobId().toHexString() + "/chk-" + restored.latestRestored().id(),
                restored.latestRestored().path());

        awaitStats(client, s -> s.latestCompleted() != null && s.latestCompleted().triggerTimestamp()
                > restored.latestRestored().restoreTimestamp());
        String savepoint = job.triggerSavepoint(null).get(1, TimeUnit.MINUTES);
        CheckpointStatsSnapshot stats = job.getCheckpointStats();
        assertEquals(Kind.SAVEPOINT, stats.latestSavepoint().kind());
        assertEquals(Status.COMPLETED, stats.latestSavepoint().status());
        assertEquals(savepoint, stats.latestSavepoint().path());
        assertEquals(6, stats.latestSavepoint().acknowledgedSubtasks());
        assertTrue(stats.latestCompleted().id() < stats.latestSavepoint().id(), "a savepoint is no checkpoint");
        client.cancel();
    }

    @Test
    void theRestApiServesTheStatistics() throws Exception {
        JobClient client = submit(checkpointing(), 10_000);
        awaitStats(client, s -> s.completed() >= 2);
        released = true;
        client.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        CheckpointStatsSnapshot stats = CLUSTER.cluster().getCheckpointStats(client.getJobId());

        JsonNode json = rest.get("/jobs/" + client.getJobId().toHexString() + "/checkpoints");
        assertEquals(stats.completed(), json.at("/counts/completed").asLong());
        assertEquals(stats.failed(), json.at("/counts/failed").asLong());
        assertEquals(0, json.at("/counts/inProgress").asInt());
        assertEquals(0, json.at("/counts/restored").asInt());
        assertTrue(json.at("/latest/savepoint").isNull());
        assertTrue(json.at("/latest/restored").isNull());
        assertEquals(stats.history().size(), json.get("history").size());
        for (int i = 0; i < stats.history().size(); i++) {
            CheckpointStats c = stats.history().get(i);
            JsonNode entry = json.get("history").get(i);
            assertEquals(c.id(), entry.get("id").asLong());
            assertEquals(c.status().name(), entry.get("status").asText());
            assertEquals("CHECKPOINT", entry.get("kind").asText());
            assertEquals(c.stateSize(), entry.get("stateSize").asLong());
            assertEquals(c.durationMillis(), entry.get("durationMillis").asLong());
            assertEquals(c.maxAsyncMillis(), entry.get("maxAsyncMillis").asLong());
            assertEquals(c.maxAlignmentMillis(), entry.get("maxAlignmentMillis").asLong());
            assertEquals(c.subtasks().size(), entry.get("subtasks").size());
        }
        JsonNode latest = json.at("/latest/completed");
        assertEquals(stats.latestCompleted().id(), latest.get("id").asLong());
        assertEquals(stats.latestCompleted().path(), latest.get("path").asText());
        List<String> names = jobMaster(client).getJobGraph().getVertices().stream().map(JobVertex::getName).toList();
        JsonNode subtasks = latest.get("subtasks");
        assertEquals(6, subtasks.size());
        for (int i = 0; i < 6; i++) {
            // in job graph order, subtasks in order within each vertex
            assertEquals(names.get(i / 2), subtasks.get(i).get("vertexName").asText());
            assertEquals(i % 2, subtasks.get(i).get("subtask").asInt());
            assertTrue(subtasks.get(i).get("syncMillis").asLong() >= 0);
            assertTrue(subtasks.get(i).get("alignmentMillis").asLong() >= 0, subtasks.get(i).toString());
        }

        StreamExecutionEnvironment env = CLUSTER.env(1);
        env.fromSequence(0, 10).sinkTo(new DiscardingSink<>());
        JobClient plain = env.executeAsync("no checkpoints");
        plain.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        JsonNode none = rest.get("/jobs/" + plain.getJobId().toHexString() + "/checkpoints");
        assertEquals(0, none.at("/counts/completed").asInt());
        assertEquals(0, none.get("history").size());
        assertTrue(none.at("/latest/completed").isNull());
    }
}
