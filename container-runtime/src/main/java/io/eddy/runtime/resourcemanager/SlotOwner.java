package io.eddy.runtime.resourcemanager;

import io.eddy.runtime.deployment.TaskExecutorGateway;

/** Who holds slots of the {@link ResourceManager}: a job, told when a TaskManager holding some is gone. */
public interface SlotOwner {
    /**
     * The TaskManager is gone (lost, or its worker terminated); its slots are no longer this owner's.
     * Called on the ResourceManager's main thread: an owner hops to its own thread before acting.
     */
    void taskManagerLost(TaskExecutorGateway taskManager, String reason);
}
