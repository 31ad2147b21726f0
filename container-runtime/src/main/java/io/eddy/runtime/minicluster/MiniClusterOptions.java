package io.eddy.runtime.minicluster;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;

/** Options of the embedded cluster. */
public final class MiniClusterOptions {
    private MiniClusterOptions() {}

    public static final ConfigOption<Integer> NUM_TASK_MANAGERS = ConfigOptions.key("local.number-taskmanager")
            .intType()
            .defaultValue(1)
            .withDescription("TaskManagers of the embedded cluster, all in the client's JVM.");
}
