package io.eddy.runtime.taskmanager;

import io.eddy.runtime.deployment.ExecutionState;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.deployment.TaskExecutionListener;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.tasks.StreamTask;
import io.eddy.runtime.tasks.TaskEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subtask attempt on a TaskManager: owns the thread that runs the {@link StreamTask} and
 * reports RUNNING, FINISHING (waiting for its final checkpoint) and the final state (FINISHED,
 * FAILED with its cause, or CANCELED) to the job's listener.
 */
final class Task implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Task.class);

    private final TaskDeploymentDescriptor deployment;
    private final StreamTask streamTask;
    private final TaskExecutionListener listener;
    private final Runnable onExit;
    private final Thread thread;

    Task(TaskEnvironment environment, TaskExecutionListener listener, Runnable onExit) {
        this.deployment = environment.deployment();
        this.streamTask = new StreamTask(environment, () -> listener.taskStateChanged(deployment.attemptId(),
                ExecutionState.FINISHING, null, null));
        this.listener = listener;
        this.onExit = onExit;
        this.thread = new Thread(this, deployment.taskNameWithSubtask());
        this.thread.setContextClassLoader(environment.userClassLoader());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void cancel() {
        streamTask.cancel();
    }

    /** Where checkpoint requests go; its methods may be called from any thread. */
    StreamTask streamTask() {
        return streamTask;
    }

    TaskMetricsSnapshot metrics() {
        return streamTask.metrics();
    }

    String jobId() {
        return deployment.jobId();
    }

    @Override
    public void run() {
        ExecutionState end;
        Throwable failure = null;
        try {
            listener.taskStateChanged(deployment.attemptId(), ExecutionState.RUNNING, null, null);
            streamTask.invoke();
            end = ExecutionState.FINISHED;
        } catch (Throwable t) {
            if (streamTask.isCancelled()) {
                end = ExecutionState.CANCELED;
            } else {
                end = ExecutionState.FAILED;
                failure = t;
                LOG.warn("{} failed", deployment.taskNameWithSubtask(), t);
            }
        }
        try {
            onExit.run();
        } finally {
            listener.taskStateChanged(deployment.attemptId(), end, failure, streamTask.metrics());
        }
    }
}
