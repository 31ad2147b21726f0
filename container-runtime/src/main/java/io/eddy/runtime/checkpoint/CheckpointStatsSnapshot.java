package io.eddy.runtime.checkpoint;

import java.util.List;

/**
 * The checkpoint statistics of a job at one moment: counts since the job started, the latest
 * checkpoint of each outcome and the most recent checkpoints and savepoints.
 *
 * @param completed completed checkpoints and savepoints
 * @param failed failed or abandoned ones
 * @param inProgress ones triggered and not yet completed or failed
 * @param restored how often the job started from a checkpoint or savepoint
 * @param latestCompleted the newest completed checkpoint (not savepoint), or null
 * @param latestSavepoint the newest completed savepoint, or null
 * @param latestFailed the newest failed checkpoint or savepoint, or null
 * @param latestRestored what the job's latest (re)start restored, or null
 * @param history the most recent ones, newest first, of every status
 */
public record CheckpointStatsSnapshot(long completed, long failed, int inProgress, long restored,
        CheckpointStats latestCompleted, CheckpointStats latestSavepoint, CheckpointStats latestFailed,
        Restored latestRestored, List<CheckpointStats> history) {

    /** The statistics of a job that takes no checkpoints. */
    public static final CheckpointStatsSnapshot EMPTY = new CheckpointStatsSnapshot(0, 0, 0, 0, null, null, null,
            null, List.of());

    /**
     * A restore of the job's tasks.
     *
     * @param path the checkpoint's or savepoint's directory
     * @param restoreTimestamp when the restore was decided (epoch ms)
     */
    public record Restored(long id, String path, long restoreTimestamp) {}
}
