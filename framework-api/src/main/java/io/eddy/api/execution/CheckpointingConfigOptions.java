package io.eddy.api.execution;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;
import io.eddy.api.config.Configuration;

import java.time.Duration;

/**
 * Checkpoint settings: read by the execution environment into a job's {@link CheckpointConfig}, and
 * the storage ones also by the cluster (its checkpoint storage and retention), which takes them from
 * here, so each key is declared once.
 */
public final class CheckpointingConfigOptions {
    private CheckpointingConfigOptions() {}

    public static final ConfigOption<Duration> INTERVAL = ConfigOptions.key("execution.checkpointing.interval")
            .durationType()
            .noDefaultValue()
            .withDescription("Time between the starts of two checkpoints. Unset: no checkpoints.");

    public static final ConfigOption<CheckpointingMode> MODE = ConfigOptions.key("execution.checkpointing.mode")
            .enumType(CheckpointingMode.class)
            .defaultValue(CheckpointingMode.EXACTLY_ONCE)
            .withDescription("EXACTLY_ONCE (aligned barriers) or AT_LEAST_ONCE (no alignment).");

    public static final ConfigOption<Duration> TIMEOUT = ConfigOptions.key("execution.checkpointing.timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription("A checkpoint that is not complete after this time is aborted.");

    public static final ConfigOption<Duration> MIN_PAUSE = ConfigOptions.key("execution.checkpointing.min-pause")
            .durationType()
            .defaultValue(Duration.ZERO)
            .withDescription("Least time between the end of a checkpoint and the start of the next.");

    public static final ConfigOption<Integer> MAX_CONCURRENT = ConfigOptions.key("execution.checkpointing.max-concurrent-checkpoints")
            .intType()
            .defaultValue(1)
            .withDescription("How many checkpoints may be in progress at the same time.");

    public static final ConfigOption<Integer> TOLERABLE_FAILURES = ConfigOptions.key("execution.checkpointing.tolerable-failed-checkpoints")
            .intType()
            .defaultValue(0)
            .withDescription("How many consecutive checkpoint failures the job tolerates before it fails.");

    public static final ConfigOption<String> DIRECTORY = ConfigOptions.key("state.checkpoints.dir")
            .stringType()
            .noDefaultValue()
            .withDescription("Base directory of checkpoints, as a URI of any Hadoop file system, e.g."
                    + " hdfs://namenode:8020/eddy/checkpoints or file:///data/checkpoints;"
                    + " checkpoints go to <dir>/<jobId>/chk-<n>/. Required for checkpointing.");

    public static final ConfigOption<Integer> NUM_RETAINED = ConfigOptions.key("state.checkpoints.num-retained")
            .intType()
            .defaultValue(1)
            .withDescription("How many completed checkpoints of a job are kept; older ones are deleted"
                    + " when a new one completes.");

    public static final ConfigOption<String> SAVEPOINT_DIRECTORY = ConfigOptions.key("state.savepoints.dir")
            .stringType()
            .noDefaultValue()
            .withDescription("Default target directory of savepoints when a savepoint request names none.");

    public static final ConfigOption<String> SAVEPOINT_PATH = ConfigOptions.key("execution.savepoint.path")
            .stringType()
            .noDefaultValue()
            .withDescription("Savepoint (its directory or _metadata file) the job's first deployment restores.");

    public static final ConfigOption<Boolean> SAVEPOINT_IGNORE_UNCLAIMED_STATE =
            ConfigOptions.key("execution.savepoint.ignore-unclaimed-state")
            .booleanType()
            .defaultValue(false)
            .withDescription("Start even if the savepoint holds state of operator ids the job does not have"
                    + " (that state is dropped); otherwise the job fails at start.");

    /** Applies the options set in {@code config} to {@code checkpoints}. */
    public static void configure(Configuration config, CheckpointConfig checkpoints) {
        config.getOptional(INTERVAL).ifPresent(d -> checkpoints.setCheckpointInterval(d.toMillis()));
        checkpoints.setCheckpointingMode(config.get(MODE));
        checkpoints.setCheckpointTimeout(config.get(TIMEOUT).toMillis());
        checkpoints.setMinPauseBetweenCheckpoints(config.get(MIN_PAUSE).toMillis());
        checkpoints.setMaxConcurrentCheckpoints(config.get(MAX_CONCURRENT));
        checkpoints.setTolerableCheckpointFailureNumber(config.get(TOLERABLE_FAILURES));
        config.getOptional(DIRECTORY).ifPresent(checkpoints::setCheckpointDirectory);
        checkpoints.setNumRetainedCheckpoints(config.get(NUM_RETAINED));
        config.getOptional(SAVEPOINT_DIRECTORY).ifPresent(checkpoints::setSavepointDirectory);
        config.getOptional(SAVEPOINT_PATH).ifPresent(checkpoints::setSavepointRestorePath);
        checkpoints.setAllowNonRestoredState(config.get(SAVEPOINT_IGNORE_UNCLAIMED_STATE));
    }
}
