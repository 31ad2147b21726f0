package io.eddy.runtime.checkpoint;

import io.eddy.runtime.checkpoint.CheckpointStats.Kind;
import io.eddy.runtime.checkpoint.CheckpointStats.Status;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the checkpoints and savepoints of one job as its {@link CheckpointCoordinator} reports
 * them: trigger, each subtask's acknowledgement (with its sync and async durations and state
 * size), completion or failure, and restores. Keeps counts, the latest of each outcome and a
 * bounded history; everything else is dropped, so memory does not grow with the job's age.
 *
 * <p>A checkpoint leaves "in progress" once: reports about it after it completed or failed
 * are ignored (the coordinator may report an abandoned checkpoint's failure twice).
 *
 * <p>Thread-safe: the coordinator reports from timer, RPC and writer threads, readers (REST,
 * tests, benchmarks) take {@link #snapshot()}s. The lock is never held while calling out.
 */
public final class CheckpointStatsTracker {
    /** How many recent checkpoints the history holds. */
    public static final int DEFAULT_HISTORY_SIZE = 10;

    /** A checkpoint as it is being recorded; fields guarded by the tracker. */
    private static final class Entry {
        final long id;
        final Kind kind;
        final long triggerTimestamp;
        final int totalSubtasks;
        final List<CheckpointStats.Subtask> subtasks = new ArrayList<>();
        Status status = Status.IN_PROGRESS;
        long stateSize;
        long endTimestamp;
        String path;
        String failureReason;

        Entry(long id, Kind kind, long triggerTimestamp, int totalSubtasks) {
            this.id = id;
            this.kind = kind;
            this.triggerTimestamp = triggerTimestamp;
            this.totalSubtasks = totalSubtasks;
        }

        CheckpointStats toStats(long now) {
            List<CheckpointStats.Subtask> sorted = new ArrayList<>(subtasks);
            sorted.sort(Comparator.comparing(CheckpointStats.Subtask::vertexId)
                    .thenComparingInt(CheckpointStats.Subtask::subtask));
            long end = status == Status.IN_PROGRESS ? now : endTimestamp;
            return new CheckpointStats(id, kind, status, triggerTimestamp, Math.max(0, end - triggerTimestamp),
                    stateSize, subtasks.size(), totalSubtasks, path, failureReason, List.copyOf(sorted));
        }
    }

    private final int historySize;
    private final Map<Long, Entry> inProgress = new HashMap<>();
    /** Newest first; may hold entries still in progress. */
    private final ArrayDeque<Entry> history = new ArrayDeque<>();
    private long completed;
    private long failed;
    private long restored;
    private Entry latestCompleted;
    private Entry latestSavepoint;
    private Entry latestFailed;
    private CheckpointStatsSnapshot.Restored latestRestored;

    public CheckpointStatsTracker(int historySize) {
        if (historySize < 1) {
            throw new IllegalArgumentException("The checkpoint history must hold at least one checkpoint, was "
                    + historySize);
        }
        this.historySize = historySize;
    }

    /** The sum of the state bytes in the files of {@code state}, from their handles. */
    public static long stateSize(SubtaskState state) {
        long size = 0;
        for (OperatorSnapshot operator : state.operators()) {
            KeyGroupsStateHandle keyed = operator.keyedState();
            size += (keyed == null ? 0 : keyed.file().size())
                    + (operator.operatorState() == null ? 0 : operator.operatorState().size());
        }
        return size;
    }

    /** Checkpoint {@code id} was triggered at {@code timestamp} and waits for {@code totalSubtasks}. */
    public synchronized void reportTriggered(long id, Kind kind, long timestamp, int totalSubtasks) {
        Entry entry = new Entry(id, kind, timestamp, totalSubtasks);
        inProgress.put(id, entry);
        history.addFirst(entry);
        if (history.size() > historySize) {
            history.removeLast(); // if still in progress, it stays counted and tracked in inProgress
        }
    }

    public synchronized void reportAcknowledged(long id, CheckpointCoordinator.TaskAttempt task, SubtaskState state,
            CheckpointDurations durations) {
        Entry entry = inProgress.get(id);
        if (entry == null) {
            return;
        }
        long size = stateSize(state);
        entry.subtasks.add(new CheckpointStats.Subtask(task.vertexId(), task.subtask(), System.currentTimeMillis(),
                durations, size));
        entry.stateSize += size;
    }

    /** Checkpoint {@code id} is complete at {@code path} (its directory, or the savepoint's). */
    public synchronized void reportCompleted(long id, String path) {
        Entry entry = finish(id, Status.COMPLETED);
        if (entry == null) {
            return;
        }
        entry.path = path;
        completed++;
        // metadata is written on the io executor, so a newer checkpoint may complete before an older one
        if (entry.kind == Kind.SAVEPOINT) {
            latestSavepoint = newer(latestSavepoint, entry);
        } else {
            latestCompleted = newer(latestCompleted, entry);
        }
    }

    /** Checkpoint {@code id} failed or was abandoned; ignored when it already completed or failed. */
    public synchronized void reportFailed(long id, String reason) {
        Entry entry = finish(id, Status.FAILED);
        if (entry == null) {
            return;
        }
        entry.failureReason = reason;
        failed++;
        latestFailed = entry;
    }

    /** The job's tasks are (re)deployed from checkpoint or savepoint {@code id} at {@code path}. */
    public synchronized void reportRestored(long id, String path) {
        restored++;
        latestRestored = new CheckpointStatsSnapshot.Restored(id, path, System.currentTimeMillis());
    }

    private static Entry newer(Entry latest, Entry entry) {
        return latest == null || entry.id > latest.id ? entry : latest;
    }

    private Entry finish(long id, Status status) {
        Entry entry = inProgress.remove(id);
        if (entry != null) {
            entry.status = status;
            entry.endTimestamp = System.currentTimeMillis();
        }
        return entry;
    }

    public synchronized CheckpointStatsSnapshot snapshot() {
        long now = System.currentTimeMillis();
        List<CheckpointStats> recent = new ArrayList<>(history.size());
        for (Entry entry : history) {
            recent.add(entry.toStats(now));
        }
        return new CheckpointStatsSnapshot(completed, failed, inProgress.size(), restored, stats(latestCompleted, now),
                stats(latestSavepoint, now), stats(latestFailed, now), latestRestored, List.copyOf(recent));
    }

    private static CheckpointStats stats(Entry entry, long now) {
        return entry == null ? null : entry.toStats(now);
    }
}
