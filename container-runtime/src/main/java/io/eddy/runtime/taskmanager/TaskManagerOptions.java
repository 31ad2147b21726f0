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

    public static final ConfigOption<MemorySize> PROCESS_MEMORY = ConfigOptions.key("taskmanager.memory.process.size")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(1728))
            .withDescription("Total memory of a TaskManager process (heap, network, managed memory and JVM overhead): "
                    + "what a ResourceManager driver (YARN) asks its platform for per TaskManager.");

    public static final ConfigOption<String> RESOURCE_ID = ConfigOptions.key("taskmanager.resource-id")
            .stringType()
            .noDefaultValue()
            .withDescription("Id under which a TaskManager registers. A ResourceManager driver (YARN) sets it to "
                    + "the worker id it started the TaskManager as; unset, a standalone TaskManager makes one up "
                    + "(taskmanager-<host>-<random>).");
}
