package io.eddy.runtime.tasks;

import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.network.NetworkBufferPool;
import io.eddy.runtime.network.PartitionRegistry;

import java.util.concurrent.ScheduledExecutorService;

/**
 * What the TaskManager provides to a task: its deployment, the user's classes, network memory,
 * where partitions are found, and the shared timer thread.
 *
 * @param buffersPerChannel network buffers reserved per outgoing channel
 * @param floatingBuffers extra buffers per result partition
 */
public record TaskEnvironment(
        TaskDeploymentDescriptor deployment,
        ClassLoader userClassLoader,
        NetworkBufferPool networkBufferPool,
        PartitionRegistry partitionRegistry,
        ScheduledExecutorService timers,
        int buffersPerChannel,
        int floatingBuffers) {}
