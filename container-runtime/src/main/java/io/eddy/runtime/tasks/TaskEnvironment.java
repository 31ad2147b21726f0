package io.eddy.runtime.tasks;

import io.eddy.runtime.state.StateBackend;
import io.eddy.runtime.checkpoint.CheckpointResponder;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.shuffle.ShuffleEnvironment;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the TaskManager provides to a task: its deployment, the user's classes, the data exchange
 * (network memory, where partitions are registered and channels opened), the shared timer thread,
 * the threads that write checkpoints and where the task acknowledges them, and the state backend
 * its keyed operators keep their state in.
 *
 * @param buffersPerChannel network buffers reserved per outgoing channel
 * @param floatingBuffers extra buffers per result partition
 */
public record TaskEnvironment(
        TaskDeploymentDescriptor deployment,
        ClassLoader userClassLoader,
        ShuffleEnvironment shuffle,
        ScheduledExecutorService timers,
        int buffersPerChannel,
        int floatingBuffers,
        ExecutorService checkpointWriters,
        CheckpointResponder checkpointResponder,
        StateBackend stateBackend) {}
