package io.eddy.runtime.checkpoint;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;

/** Where checkpoints and savepoints go and how many completed checkpoints are kept. */
public final class CheckpointingOptions {
    private CheckpointingOptions() {}

    public static final ConfigOption<String> CHECKPOINTS_DIRECTORY = ConfigOptions.key("state.checkpoints.dir")
            .stringType()
            .noDefaultValue()
            .withDescription("Base directory of checkpoints, as a URI of any Hadoop file system, e.g."
                    + " hdfs://namenode:8020/eddy/checkpoints or file:///data/checkpoints;"
                    + " checkpoints go to <dir>/<jobId>/chk-<n>/. Required for checkpointing.");

    public static final ConfigOption<String> SAVEPOINTS_DIRECTORY = ConfigOptions.key("state.savepoints.dir")
            .stringType()
            .noDefaultValue()
            .withDescription("Default target directory of savepoints when a savepoint request names none.");

    public static final ConfigOption<Integer> NUM_RETAINED = ConfigOptions.key("state.checkpoints.num-retained")
            .intType()
            .defaultValue(1)
            .withDescription("How many completed checkpoints of a job are kept; older ones are deleted"
                    + " when a new one completes.");
}
