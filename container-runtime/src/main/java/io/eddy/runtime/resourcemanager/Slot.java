package io.eddy.runtime.resourcemanager;

import io.eddy.runtime.deployment.TaskExecutorGateway;

/** One task slot of a TaskManager; with slot sharing it hosts one subtask of every vertex of a job. */
public record Slot(TaskExecutorGateway taskManager, int index) {
    @Override
    public String toString() {
        return taskManager.getId() + "/slot-" + index;
    }
}
