package io.eddy.runtime.checkpoint;

import io.eddy.testutils.checkpoint.InMemoryCheckpointStorage;
import io.eddy.api.execution.CheckpointConfig;
import io.eddy.runtime.deployment.DataAddress;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.jobmaster.TaskExecutorGateway;
import io.eddy.runtime.jobmaster.UserCode;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.network.ExecutionAttemptId;
import io.eddy.runtime.taskmanager.TaskExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restart stops the coordinator, then restores its newest completed checkpoint. A checkpoint
 * whose last acknowledgement arrived just before must not complete after that choice: keeping one
 * checkpoint, its retention would delete the one being restored.
 */
class CheckpointCompletionRaceTest {
    private final InMemoryCheckpointStorage storage = new InMemoryCheckpointStorage();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aStopWaitsForTheCompletionInProgressSoTheRestoreFindsTheNewestCheckpoint() throws Exception {
        CheckpointConfig config = new CheckpointConfig().setCheckpointInterval(20).setNumRetainedCheckpoints(1);
        CheckpointCoordinator coordinator = new CheckpointCoordinator("job", config, storage, timer, failure -> {});
        AtomicBoolean blockNextCommit = new AtomicBoolean();
        CountDownLatch committing = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        storage.beforeEachMetadataCommit(() -> {
            if (blockNextCommit.getAndSet(false)) {
                committing.countDown();
                await(mayCommit);
            }
        });
        ExecutionAttemptId attempt = ExecutionAttemptId.generate();
        coordinator.start(List.of(new CheckpointCoordinator.TaskAttempt(attempt, new AcknowledgingSource(coordinator),
                "source", 0, 1, true)), () -> true);
        waitUntil(() -> coordinator.numberOfCompletedCheckpoints() >= 1);
        blockNextCommit.set(true);
        assertTrue(committing.await(30, TimeUnit.SECONDS), "another checkpoint completes");

        AtomicReference<Object> restored = new AtomicReference<>();
        Thread restart = new Thread(() -> {
            try {
                coordinator.stop();
                CompletedCheckpoint latest = coordinator.latestRestorable();
                restored.set(latest == null ? "none" : latest.checkpointId());
            } catch (Exception e) {
                restored.set(e);
            }
        });
        restart.start();
        // the stop either waits for the completion (fixed) or returns and picks the older checkpoint
        waitUntil(() -> restart.getState() == Thread.State.BLOCKED || !restart.isAlive());
        mayCommit.countDown();
        restart.join(30_000);

        waitUntil(() -> coordinator.numberOfCompletedCheckpoints() >= 2); // the held-up completion is done
        long newest = coordinator.numberOfCompletedCheckpoints(); // each completed, so the ids count them
        assertEquals(newest, restored.get(), "the restart restores the checkpoint that completed, not the one it deleted");
        assertEquals(List.of("mem://job/chk-" + newest), storage.listCompleted("job"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(5);
        }
    }

    /** A source task that acknowledges every checkpoint at once, from a writer thread of its own. */
    private record AcknowledgingSource(CheckpointCoordinator coordinator) implements TaskExecutorGateway {
        @Override
        public void triggerCheckpoint(ExecutionAttemptId attempt, long checkpointId, long timestamp,
                CheckpointOptions options) {
            new Thread(() -> coordinator.acknowledge(attempt, checkpointId,
                    new SubtaskState(List.of(), null, false), new CheckpointDurations(0, 0, 0))).start();
        }

        @Override
        public String getId() {
            return "tm";
        }

        @Override
        public String getLocation() {
            return "test";
        }

        @Override
        public int getNumberOfSlots() {
            return 1;
        }

        @Override
        public DataAddress getDataAddress() {
            return null;
        }

        @Override
        public void submitTask(TaskDeploymentDescriptor deployment, UserCode userCode, TaskExecutionListener listener) {}

        @Override
        public void cancelTask(ExecutionAttemptId attempt) {}

        @Override
        public void notifyCheckpointComplete(ExecutionAttemptId attempt, long checkpointId) {}

        @Override
        public void notifyCheckpointAborted(ExecutionAttemptId attempt, long checkpointId) {}

        @Override
        public void drainTask(ExecutionAttemptId attempt) {}

        @Override
        public TaskMetricsSnapshot getTaskMetrics(ExecutionAttemptId attempt) {
            return TaskMetricsSnapshot.empty(0);
        }

        @Override
        public void releaseJob(String jobId) {}
    }
}
