package io.eddy.runtime.tasks;

import io.eddy.api.operators.OperatorContext;
import io.eddy.api.state.KeyedStateBackend;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;

/** The context of one operator in one subtask. */
final class OperatorContextImpl implements OperatorContext {
    private final TaskDeploymentDescriptor task;
    private final String operatorName;
    private final ClassLoader userClassLoader;
    private final KeyedStateBackend<?> keyedStateBackend;

    OperatorContextImpl(TaskDeploymentDescriptor task, String operatorName, ClassLoader userClassLoader,
            KeyedStateBackend<?> keyedStateBackend) {
        this.task = task;
        this.operatorName = operatorName;
        this.userClassLoader = userClassLoader;
        this.keyedStateBackend = keyedStateBackend;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K> KeyedStateBackend<K> getKeyedStateBackend() {
        return (KeyedStateBackend<K>) keyedStateBackend;
    }

    @Override
    public ClassLoader getUserCodeClassLoader() {
        return userClassLoader;
    }

    @Override
    public String getTaskName() {
        return operatorName;
    }

    @Override
    public int getIndexOfThisSubtask() {
        return task.subtaskIndex();
    }

    @Override
    public int getNumberOfParallelSubtasks() {
        return task.parallelism();
    }

    @Override
    public int getMaxNumberOfParallelSubtasks() {
        return task.maxParallelism();
    }

    @Override
    public int getAttemptNumber() {
        return task.attemptNumber();
    }

    @Override
    public String getJobId() {
        return task.jobId();
    }
}
