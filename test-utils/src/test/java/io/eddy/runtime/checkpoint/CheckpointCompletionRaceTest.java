package io.eddy.runtime.checkpoint;

import io.eddy.testutils.checkpoint.InMemoryCheckpointStorage;
import io.eddy.api.execution.CheckpointConfig;
import io.eddy.runtime.deployment.DataAddress;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.deployment.TaskExecutionListener;
import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.deployment.UserCode;
import io.eddy.runtime.execution.ExecutionAttemptId;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restart stops the coordinator, then restores its newest completed checkpoint. A checkpoint
 * whose last acknowledgement arrived just before must not complete after that choice: keeping one
 * checkpoint, its retention would delete the one being restored.
 */
class CheckpointCompletionRaceTest {
    private final InMemoryCheckpointStorage storage = new InMemoryCheckpointStorage();
    /** The JobMaster's main thread, which runs every method of the coordinator. */
    private final ScheduledExecutorService mainThread = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService io = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        mainThread.shutdownNow();
        io.shutdownNow();
    }

    @Test
    void aStopWaitsForTheCompletionInProgressSoTheRestoreFindsTheNewestCheckpoint() throws Exception {
        CheckpointConfig config = new CheckpointConfig().setCheckpointInterval(20).setNumRetainedCheckpoints(1);
        CheckpointCoordinator coordinator = new CheckpointCoordinator("job", config, storage, mainThread, io, failure -> {});
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
        mainThread.submit(() -> coordinator.start(List.of(new CheckpointCoordinator.TaskAttempt(attempt,
                new AcknowledgingSource(coordinator, mainThread), "source", 0, 1, true)), () -> true)).get();
        waitUntil(() -> coordinator.numberOfCompletedCheckpoints() >= 1);
        blockNextCommit.set(true);
        assertTrue(committing.await(30, TimeUnit.SECONDS), "another checkpoint completes");
        // more than one may have completed before the hold was set; none completes while one is held
        long completedBeforeHold = coordinator.numberOfCompletedCheckpoints();

        // a restart: stop, then choose the checkpoint to restore once the stop's future completes
        CompletableFuture<Object> restored = CompletableFuture.supplyAsync(coordinator::stop, mainThread)
                .thenCompose(stopped -> stopped)
                .thenCompose(stopped -> coordinator.latestRestorable())
                .thenApply(latest -> latest == null ? "none" : latest.checkpoint().checkpointId());
        mainThread.submit(() -> {}).get(); // the stop ran: without waiting, the restore would now pick the older one
        mayCommit.countDown();

        waitUntil(() -> coordinator.numberOfCompletedCheckpoints() > completedBeforeHold); // the held-up one is done
        long newest = coordinator.numberOfCompletedCheckpoints(); // each completed, so the ids count them
        assertEquals(newest, restored.get(30, TimeUnit.SECONDS), "the restart restores the checkpoint that completed, not the one it deleted");
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

    /** A source task that acknowledges every checkpoint at once, as a message to the main thread. */
    private record AcknowledgingSource(CheckpointCoordinator coordinator, ScheduledExecutorService mainThread)
            implements TaskExecutorGateway {
        @Override
        public void triggerCheckpoint(ExecutionAttemptId attempt, long checkpointId, long timestamp,
                CheckpointOptions options) {
            mainThread.execute(() -> coordinator.acknowledge(attempt, checkpointId,
                    new SubtaskState(List.of(), null, false), new CheckpointDurations(0, 0, 0)));
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

        @Override
        public void releasePartitions(java.util.List<io.eddy.runtime.exchange.ResultPartitionId> partitions) {}
    }
}
