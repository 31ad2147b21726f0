package io.eddy.client.cli;

import io.eddy.testutils.cluster.ProcessCluster;
import io.eddy.state.hdfs.testing.CommittedOutput;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.eddy.client.cli.CliRun.eddy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a TaskManager process in the middle of an exactly-once job ({@link
 * TestPrograms.ExactlyOnceSums}: keyed running sums, checkpoints to file://, the exactly-once file
 * sink) on a standalone cluster of three TaskManager processes with two slots each. The job
 * restarts from its latest checkpoint with the killed TaskManager's slots swapped for free ones,
 * of the survivors or of a TaskManager started after the kill, finishes, and its committed part
 * files hold exactly the lines of a run without failures.
 */
class TaskManagerKillITCase {
    private static final long N = 40_000;
    private static final long KEYS = 10;
    private static final Pattern RESTART = Pattern.compile("Job 'exactly-once sums' \\((\\w+)\\) is restarting");
    private static final Pattern RESTORE = Pattern.compile("Deploying job 'exactly-once sums' \\((\\w+)\\): "
            + "\\d+ subtasks from checkpoint \\d+");

    @TempDir
    static Path dir;

    private static ProcessCluster cluster;

    @BeforeAll
    static void startJobManager() throws IOException {
        cluster = new ProcessCluster(dir, 2);
    }

    /** Every test starts with three live TaskManagers, replacing those an earlier test killed. */
    @BeforeEach
    void threeTaskManagers() throws Exception {
        cluster.keepTaskManagers(3);
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Names in {@code dir}, or none while it does not exist. */
    private static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasCompletedCheckpoint(Path jobCheckpoints) {
        return names(jobCheckpoints).stream().anyMatch(chk -> chk.startsWith("chk-")
                && Files.exists(jobCheckpoints.resolve(chk).resolve("_metadata")));
    }

    /** How often the JobManager logged a line of {@code pattern} for the job (group 1: its id). */
    private static long logged(Pattern pattern, String jobId) throws IOException {
        return pattern.matcher(Files.readString(cluster.jobManagerLog())).results()
                .filter(m -> m.group(1).equals(jobId))
                .count();
    }

    /** A run of {@link TestPrograms.ExactlyOnceSums} through the CLI, in another thread. */
    private record Run(String jobId, Path out, CompletableFuture<CliRun> cli) {}

    /**
     * Starts the job at {@code parallelism}, writing under {@code dir/name}, and returns once a
     * checkpoint completed and committed part files, while all its tasks still run: a kill must
     * come before any sink subtask finished, as one that did has committed all it wrote.
     */
    private static Run startAndAwaitCommit(String name, int parallelism) throws Exception {
        Path out = dir.resolve(name).resolve("out");
        Path checkpoints = dir.resolve(name).resolve("checkpoints");
        Path jar = TestPrograms.jar(Files.createDirectories(dir.resolve(name)), TestPrograms.ExactlyOnceSums.class);
        CompletableFuture<CliRun> cli = CompletableFuture.supplyAsync(() -> eddy("run", "-m", cluster.address(),
                "-p", String.valueOf(parallelism), jar.toString(), out.toUri().toString(),
                checkpoints.toUri().toString(), String.valueOf(N), String.valueOf(KEYS)));
        String jobId = cluster.awaitRunningJob("exactly-once sums");
        cluster.await(() -> hasCompletedCheckpoint(checkpoints.resolve(jobId))
                && names(out).stream().anyMatch(part -> part.startsWith("part-")),
                "completed checkpoint with committed part files");

        JsonNode job = cluster.rest("/jobs/" + jobId);
        for (JsonNode vertex : job.path("vertices")) {
            assertEquals("RUNNING", vertex.path("status").asText(), job.toString());
        }
        long sourceRecords = job.path("vertices").path(0).path("recordsOut").asLong();
        assertTrue(sourceRecords < N / 2, "the source is at " + sourceRecords + " of " + N + " already");
        return new Run(jobId, out, cli);
    }

    /**
     * The job finished after at least one restart from a checkpoint, with the victim's slot replaced,
     * and its visible part files hold exactly the expected lines, with no in-progress or pending file left.
     */
    private static void assertFinishedExactlyOnce(Run run, ProcessCluster.TaskManager victim) throws Exception {
        CliRun cli;
        try {
            cli = run.cli().get(2, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            throw new AssertionError("job " + run.jobId() + " did not end in 2 minutes:\n" + cluster.logs(), e);
        }
        assertEquals(0, cli.code(), cli.err() + cluster.logs());
        assertTrue(cli.err().contains("(exactly-once sums) FINISHED"), cli.err());
        String jobManagerLog = Files.readString(cluster.jobManagerLog());
        String victimId = Pattern.quote(victim.id());
        assertTrue(Pattern.compile("TaskManager " + victimId + " at \\S+ lost: ").matcher(jobManagerLog).find(),
                "the victim was not lost:\n" + cluster.logs());
        assertTrue(Pattern.compile("Slot " + victimId + "/slot-\\d+ of a lost TaskManager is replaced")
                .matcher(jobManagerLog).find(), "its slot was not replaced:\n" + cluster.logs());
        assertTrue(logged(RESTART, run.jobId()) >= 1, "no restart:\n" + cluster.logs());
        assertTrue(logged(RESTORE, run.jobId()) >= 1, "no deployment from a checkpoint:\n" + cluster.logs());

        CommittedOutput.read(run.out().toUri().toString()).assertExactly(CommittedOutput.runningSumLines(N, (int) KEYS));
    }

    @Test
    void killedTaskManagersSlotIsReplacedByAFreeOne() throws Exception {
        Run run = startAndAwaitCommit("free-slot", 3);
        assertEquals(3, cluster.rest("/overview").path("slotsFree").asInt(), "one slot taken on each TaskManager");

        ProcessCluster.TaskManager victim = cluster.taskManagers().get(1);
        victim.process().destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the JobManager

        assertFinishedExactlyOnce(run, victim);
        JsonNode overview = cluster.rest("/overview");
        assertEquals(2, overview.path("taskManagers").asInt(), overview.toString());
        assertEquals(4, overview.path("slotsFree").asInt(), "the survivors' slots are free again: " + overview);
    }

    /** With every slot taken, the restarts fail until a TaskManager started after the kill registers. */
    @Test
    void killedTaskManagerIsReplacedByANewOne() throws Exception {
        Run run = startAndAwaitCommit("new-taskmanager", 6);
        assertEquals(0, cluster.rest("/overview").path("slotsFree").asInt(), "all slots taken");

        ProcessCluster.TaskManager victim = cluster.taskManagers().get(0);
        victim.process().destroyForcibly();
        cluster.startTaskManager();

        assertFinishedExactlyOnce(run, victim);
        JsonNode overview = cluster.rest("/overview");
        assertEquals(3, overview.path("taskManagers").asInt(), overview.toString());
        assertEquals(6, overview.path("slotsFree").asInt(), overview.toString());
    }
}
