package io.eddy.runtime.resourcemanager;

import io.eddy.api.config.Configuration;
import io.eddy.runtime.taskmanager.TaskManagerOptions;

import java.io.Serializable;

/**
 * The size of a worker a driver is asked for: the whole process memory in bytes (heap, network,
 * managed and JVM overhead together: what YARN must grant), its task slots and CPU cores.
 */
public record WorkerResourceSpec(long processMemoryBytes, int slots, int vcores) implements Serializable {
    public WorkerResourceSpec {
        if (processMemoryBytes <= 0 || slots <= 0 || vcores <= 0) {
            throw new IllegalArgumentException("A worker needs memory, slots and cores: " + processMemoryBytes
                    + " bytes, " + slots + " slots, " + vcores + " vcores");
        }
    }

    /**
     * The workers this configuration describes: {@code taskmanager.memory.process.size} and
     * {@code taskmanager.numberOfTaskSlots}, one core per slot.
     */
    public static WorkerResourceSpec fromConfiguration(Configuration config) {
        int slots = config.get(TaskManagerOptions.NUM_TASK_SLOTS);
        return new WorkerResourceSpec(config.get(TaskManagerOptions.PROCESS_MEMORY).getBytes(), slots, slots);
    }
}
