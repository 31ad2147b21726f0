package io.eddy.api.execution;

import java.io.Serializable;
import java.util.Objects;

/**
 * Per-job checkpoint settings, shipped with the job inside its {@link ExecutionConfig}.
 * Checkpointing is off until an interval is set ({@link #setCheckpointInterval}).
 */
public final class CheckpointConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private long intervalMillis = -1;
    private CheckpointingMode mode = CheckpointingMode.EXACTLY_ONCE;
    private long timeoutMillis = CheckpointingConfigOptions.TIMEOUT.defaultValue().toMillis();
    private long minPauseMillis;
    private int maxConcurrentCheckpoints = CheckpointingConfigOptions.MAX_CONCURRENT.defaultValue();
    private boolean unaligned = CheckpointingConfigOptions.UNALIGNED.defaultValue();
    private int tolerableFailures = CheckpointingConfigOptions.TOLERABLE_FAILURES.defaultValue();
    private String directory;
    private int numRetained = CheckpointingConfigOptions.NUM_RETAINED.defaultValue();

    public boolean isCheckpointingEnabled() {
        return intervalMillis > 0;
    }

    /** Milliseconds between the starts of two checkpoints; -1 when checkpointing is off. */
    public long getCheckpointInterval() {
        return intervalMillis;
    }

    public CheckpointConfig setCheckpointInterval(long millis) {
        if (millis < 10) {
            throw new IllegalArgumentException("The checkpoint interval must be at least 10 ms, not " + millis);
        }
        intervalMillis = millis;
        return this;
    }

    public CheckpointingMode getCheckpointingMode() {
        return mode;
    }

    public CheckpointConfig setCheckpointingMode(CheckpointingMode mode) {
        this.mode = Objects.requireNonNull(mode);
        return this;
    }

    /** A checkpoint not complete after this long is aborted (and counts as failed). */
    public long getCheckpointTimeout() {
        return timeoutMillis;
    }

    public CheckpointConfig setCheckpointTimeout(long millis) {
        if (millis < 1) {
            throw new IllegalArgumentException("The checkpoint timeout must be positive, not " + millis);
        }
        timeoutMillis = millis;
        return this;
    }

    /** Least time between the end of one checkpoint and the start of the next, so the job gets work done. */
    public long getMinPauseBetweenCheckpoints() {
        return minPauseMillis;
    }

    public CheckpointConfig setMinPauseBetweenCheckpoints(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("The minimum pause cannot be negative: " + millis);
        }
        minPauseMillis = millis;
        return this;
    }

    public int getMaxConcurrentCheckpoints() {
        return maxConcurrentCheckpoints;
    }

    public CheckpointConfig setMaxConcurrentCheckpoints(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("At least one checkpoint must be allowed at a time, not " + max);
        }
        maxConcurrentCheckpoints = max;
        return this;
    }

    /** Whether checkpoint barriers overtake the data in flight; see {@link CheckpointingConfigOptions#UNALIGNED}. */
    public boolean isUnalignedCheckpointsEnabled() {
        return unaligned;
    }

    /** Barriers overtake the data in flight (exactly once only; savepoints stay aligned). */
    public CheckpointConfig enableUnalignedCheckpoints(boolean enabled) {
        unaligned = enabled;
        return this;
    }

    /** How many checkpoints in a row may fail (declined, timed out, not written) before the job fails. */
    public int getTolerableCheckpointFailureNumber() {
        return tolerableFailures;
    }

    public CheckpointConfig setTolerableCheckpointFailureNumber(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("The tolerable checkpoint failures cannot be negative: " + failures);
        }
        tolerableFailures = failures;
        return this;
    }

    /** Base directory of this job's checkpoints, or null for the cluster's {@code state.checkpoints.dir}. */
    public String getCheckpointDirectory() {
        return directory;
    }

    public CheckpointConfig setCheckpointDirectory(String directory) {
        this.directory = directory;
        return this;
    }

    /** How many completed checkpoints are kept; a restore falls back to an older one if the newest is broken. */
    public int getNumRetainedCheckpoints() {
        return numRetained;
    }

    public CheckpointConfig setNumRetainedCheckpoints(int numRetained) {
        if (numRetained < 1) {
            throw new IllegalArgumentException("At least one completed checkpoint must be kept, not " + numRetained);
        }
        this.numRetained = numRetained;
        return this;
    }

    private String savepointDirectory;
    private String savepointRestorePath;
    private boolean allowNonRestoredState;

    /** Default target directory of this job's savepoints ({@code state.savepoints.dir}), or null. */
    public String getSavepointDirectory() {
        return savepointDirectory;
    }

    public CheckpointConfig setSavepointDirectory(String directory) {
        this.savepointDirectory = directory;
        return this;
    }

    /** The savepoint the job starts from ({@code execution.savepoint.path}), or null. */
    public String getSavepointRestorePath() {
        return savepointRestorePath;
    }

    public CheckpointConfig setSavepointRestorePath(String path) {
        this.savepointRestorePath = path;
        return this;
    }

    /** Whether state of the savepoint that no operator of the job claims is skipped instead of failing the job. */
    public boolean isAllowNonRestoredState() {
        return allowNonRestoredState;
    }

    public CheckpointConfig setAllowNonRestoredState(boolean allow) {
        this.allowNonRestoredState = allow;
        return this;
    }
}
