package io.eddy.runtime.taskmanager;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;

/** Options of a TaskManager. */
public final class TaskManagerOptions {
    private TaskManagerOptions() {}

    public static final ConfigOption<Integer> NUM_TASK_SLOTS = ConfigOptions.key("taskmanager.numberOfTaskSlots")
            .intType()
            .defaultValue(1)
            .withDescription("Task slots per TaskManager. A slot runs one parallel subtask of every operator "
                    + "of a job, so a job needs as many slots as its highest parallelism. The embedded cluster "
                    + "sizes itself to the job when this is not set.");
}
