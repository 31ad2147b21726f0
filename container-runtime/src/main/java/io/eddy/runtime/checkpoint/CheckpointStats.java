package io.eddy.runtime.checkpoint;

import java.util.List;

/**
 * What the coordinator knows about one checkpoint or savepoint at one moment (an immutable copy
 * taken by {@link CheckpointStatsTrackerthere too, since container-runtime's tests cannot depend on test-utils.snapshot()}).
 *
 * @param triggerTimestamp when the coordinator triggered it (epoch ms)
 * @param durationMillis from the trigger to completion or failure; while in progress, until now
 * @param stateSize the state bytes in the files of the subtasks that acknowledged, from their handles
 * @param path where it was written once completed, else null
 * @param failureReason why it failed or was abandoned, else null
 * @param subtasks one entry per acknowledging subtask, by vertex id and subtask index
 */
public record CheckpointStats(long id, Kind kind, Status status, long triggerTimestamp, long durationMillis,
        long stateSize, int acknowledgedSubtasks, int totalSubtasks, String path, String failureReason,
        List<Subtask> subtasks) {

    public enum Kind { CHECKPOINT, SAVEPOINT }

    public enum Status { IN_PROGRESS, COMPLETED, FAILED }

    /**
     * One subtask's part: how long it aligned barriers, held up its task thread (sync) and took to
     * write the files (async), and the state bytes it wrote.
     *
     * @param acknowledgeTimestamp when the coordinator received its acknowledgement (epoch ms)
     */
    public record Subtask(String vertexId, int subtask, long acknowledgeTimestamp, CheckpointDurations durations,
            long stateSize) {}

    /** The longest barrier alignment over the subtasks that acknowledged; 0 when none did. */
    public long maxAlignmentMillis() {
        return subtasks.stream().mapToLong(s -> s.durations().alignmentMillis()).max().orElse(0);
    }

    /** The longest synchronous part over the subtasks that acknowledged; 0 when none did. */
    public long maxSyncMillis() {
        return subtasks.stream().mapToLong(s -> s.durations().syncMillis()).max().orElse(0);
    }

    /** The longest asynchronous part over the subtasks that acknowledged; 0 when none did. */
    public long maxAsyncMillis() {
        return subtasks.stream().mapToLong(s -> s.durations().asyncMillis()).max().orElse(0);
    }
}
