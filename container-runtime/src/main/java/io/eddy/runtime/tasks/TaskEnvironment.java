package io.eddy.runtime.tasks;

import io.eddy.runtime.io.TaskManagedResources;
import io.eddy.runtime.state.StateBackend;
import io.eddy.runtime.checkpoint.CheckpointResponder;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.exchange.netty.ExchangeEnvironment;
import io.eddy.runtime.iteration.alignment.SuperstepAlignment;
import io.eddy.runtime.metrics.ScopedMetricGroup;

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
 * @param managed managed memory and spill files of the task's slot, for batch operators
 * @param metrics the subtask's metric group, closed by the TaskManager when the subtask ends
 * @param superstepAlignment where the heads of an iteration meet at the end of each superstep (the JobMaster)
 */
public record TaskEnvironment(
        TaskDeploymentDescriptor deployment,
        ClassLoader userClassLoader,
        ExchangeEnvironment exchange,
        ScheduledExecutorService timers,
        int buffersPerChannel,
        int floatingBuffers,
        ExecutorService checkpointWriters,
        CheckpointResponder checkpointResponder,
        StateBackend stateBackend,
        TaskManagedResources managed,
        ScopedMetricGroup metrics,
        SuperstepAlignment superstepAlignment) {}
