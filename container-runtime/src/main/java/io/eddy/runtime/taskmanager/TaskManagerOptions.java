package io.eddy.runtime.taskmanager;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;
import io.eddy.api.config.MemorySize;

/** Options of a TaskManager. */
public final class TaskManagerOptions {
    private TaskManagerOptions() {}

    public static final ConfigOption<Integer> NUM_TASK_SLOTS = ConfigOptions.key("taskmanager.numberOfTaskSlots")
            .intType()
            .defaultValue(1)
            .withDescription("Task slots per TaskManager. A slot runs one parallel subtask of every operator "
                    + "of a job, so a job needs as many slots as its highest parallelism. The embedded cluster "
                    + "sizes itself to the job when this is not set.");

    public static final ConfigOption<String> RESOURCE_ID = ConfigOptions.key("taskmanager.resource-id")
            .stringType()
            .noDefaultValue()
            .withDescription("Id under which the TaskManager registers. A resource manager driver that starts "
                    + "TaskManagers sets it to the worker's id (on YARN: the container id) to pair the "
                    + "registration with its request; unset, a random id is used.");

    public static final ConfigOption<MemorySize> PROCESS_MEMORY = ConfigOptions.key("taskmanager.memory.process.size")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(1728))
            .withDescription("Total memory of a TaskManager process that a resource manager starts (a YARN "
                    + "container's size): heap, network memory, metaspace and JVM overhead together.");
}
