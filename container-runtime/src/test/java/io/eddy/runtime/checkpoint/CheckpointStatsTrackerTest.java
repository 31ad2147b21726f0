package io.eddy.runtime.checkpoint;

import io.eddy.runtime.checkpoint.CheckpointStats.Kind;
import io.eddy.runtime.checkpoint.CheckpointStats.Status;
import io.eddy.runtime.execution.ExecutionAttemptId;
import io.eddy.runtime.keygroups.KeyGroupRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tracker's bookkeeping: outcomes, counts, sizes from handles, the bounded history. */
class CheckpointStatsTrackerTest {
    private static CheckpointCoordinator.TaskAttempt task(String vertex, int subtask) {
        return new CheckpointCoordinator.TaskAttempt(ExecutionAttemptId.generate(), null, vertex, subtask, 2, false);
    }

    /** A subtask with keyed state of {@code keyed} bytes and operator state of {@code operator} bytes. */
    private static SubtaskState state(long keyed, long operator) {
        KeyGroupsStateHandle keyedHandle = new KeyGroupsStateHandle(new StateHandle("mem://k", keyed),
                new KeyGroupRange(0, 1), new long[] {0, 10});
        return new SubtaskState(List.of(new OperatorSnapshot("map", keyedHandle, new StateHandle("mem://o", operator)),
                new OperatorSnapshot("sink", null, null)), null, false);
    }

    @Test
    void completedCheckpointSumsTheSubtasksStateAndKeepsTheirDurations() {
        CheckpointStatsTracker tracker = new CheckpointStatsTracker(10);
        tracker.reportTriggered(1, Kind.CHECKPOINT, System.currentTimeMillis(), 2);
        tracker.reportAcknowledged(1, task("v", 1), state(100, 7), new CheckpointDurations(5, 3, 40));
        CheckpointStats running = tracker.snapshot().history().get(0);
        assertEquals(Status.IN_PROGRESS, running.status());
        assertEquals(1, running.acknowledgedSubtasks());
        assertEquals(1, tracker.snapshot().inProgress());

        tracker.reportAcknowledged(1, task("v", 0), state(50, 0), new CheckpointDurations(9, 1, 20));
        tracker.reportCompleted(1, "mem://job/chk-1");
        CheckpointStatsSnapshot stats = tracker.snapshot();
        assertEquals(1, stats.completed());
        assertEquals(0, stats.inProgress());
        CheckpointStats done = stats.latestCompleted();
        assertEquals(Status.COMPLETED, done.status());
        assertEquals("mem://job/chk-1", done.path());
        assertEquals(157, done.stateSize());
        assertEquals(2, done.acknowledgedSubtasks());
        assertEquals(2, done.totalSubtasks());
        assertEquals(List.of(0, 1), done.subtasks().stream().map(CheckpointStats.Subtask::subtask).toList());
        assertEquals(50, done.subtasks().get(0).stateSize());
        assertEquals(107, done.subtasks().get(1).stateSize());
        assertEquals(new CheckpointDurations(5, 3, 40), done.subtasks().get(1).durations());
        assertEquals(9, done.maxAlignmentMillis());
        assertEquals(3, done.maxSyncMillis());
        assertEquals(40, done.maxAsyncMillis());
        assertTrue(done.durationMillis() >= 0);
        assertNull(stats.latestSavepoint());
    }

    @Test
    void aFailureIsCountedOnceWithTheFirstReasonAndLateReportsAreIgnored() {
        CheckpointStatsTracker tracker = new CheckpointStatsTracker(10);
        tracker.reportTriggered(4, Kind.CHECKPOINT, System.currentTimeMillis(), 2);
        tracker.reportFailed(4, "declined: disk full");
        tracker.reportFailed(4, "a task declined it: disk full");
        tracker.reportAcknowledged(4, task("v", 0), state(10, 0), new CheckpointDurations(1, 1, 1));
        tracker.reportCompleted(4, "mem://job/chk-4");
        CheckpointStatsSnapshot stats = tracker.snapshot();
        assertEquals(1, stats.failed());
        assertEquals(0, stats.completed());
        assertEquals("declined: disk full", stats.latestFailed().failureReason());
        assertEquals(0, stats.latestFailed().acknowledgedSubtasks());
        assertNull(stats.latestFailed().path());
        assertNull(stats.latestCompleted());
    }

    @Test
    void savepointsAndRestoresHaveTheirOwnLatest() {
        CheckpointStatsTracker tracker = new CheckpointStatsTracker(10);
        tracker.reportTriggered(2, Kind.SAVEPOINT, System.currentTimeMillis(), 1);
        tracker.reportAcknowledged(2, task("v", 0), state(10, 0), new CheckpointDurations(0, 0, 0));
        tracker.reportCompleted(2, "mem://savepoints/savepoint-1");
        tracker.reportRestored(2, "mem://savepoints/savepoint-1");
        CheckpointStatsSnapshot stats = tracker.snapshot();
        assertEquals(Kind.SAVEPOINT, stats.latestSavepoint().kind());
        assertNull(stats.latestCompleted(), "a savepoint is not the latest completed checkpoint");
        assertEquals(1, stats.completed());
        assertEquals(1, stats.restored());
        assertEquals(new CheckpointStatsSnapshot.Restored(2, "mem://savepoints/savepoint-1",
                stats.latestRestored().restoreTimestamp()), stats.latestRestored());
    }

    @Test
    void theHistoryIsBoundedNewestFirstAndEvictedCheckpointsInProgressStillCount() {
        CheckpointStatsTracker tracker = new CheckpointStatsTracker(3);
        long now = System.currentTimeMillis();
        tracker.reportTriggered(1, Kind.CHECKPOINT, now, 1); // stays in progress while evicted
        for (long id = 2; id <= 6; id++) {
            tracker.reportTriggered(id, Kind.CHECKPOINT, now, 1);
            tracker.reportCompleted(id, "mem://job/chk-" + id);
        }
        CheckpointStatsSnapshot stats = tracker.snapshot();
        assertEquals(List.of(6L, 5L, 4L), stats.history().stream().map(CheckpointStats::id).toList());
        assertEquals(1, stats.inProgress());
        assertEquals(5, stats.completed());
        tracker.reportFailed(1, "timed out");
        assertEquals(0, tracker.snapshot().inProgress());
        assertEquals(1, tracker.snapshot().latestFailed().id());
    }

    @Test
    void anEmptyHistoryIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CheckpointStatsTracker(0));
        assertTrue(e.getMessage().contains("at least one"), e.getMessage());
    }

    @Test
    void anOlderCheckpointCompletingLastIsNotTheLatest() {
        CheckpointStatsTracker tracker = new CheckpointStatsTracker(10);
        tracker.reportTriggered(4, Kind.CHECKPOINT, System.currentTimeMillis(), 2);
        tracker.reportTriggered(5, Kind.CHECKPOINT, System.currentTimeMillis(), 2);
        tracker.reportCompleted(5, "mem://job/chk-5");
        tracker.reportCompleted(4, "mem://job/chk-4");
        CheckpointStatsSnapshot stats = tracker.snapshot();
        assertEquals(2, stats.completed());
        assertEquals(5, stats.latestCompleted().id());
        assertEquals("mem://job/chk-5", stats.latestCompleted().path());
    }
}
