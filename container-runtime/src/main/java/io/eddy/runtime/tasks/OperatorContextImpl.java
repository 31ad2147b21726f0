package io.eddy.runtime.tasks;

import io.eddy.api.functions.BroadcastVariableInitializer;
import io.eddy.api.functions.rich.RuntimeContext;

import io.eddy.runtime.execution.ExecutionAttemptId;
import io.eddy.runtime.iteration.alignment.SuperstepAlignment;
import io.eddy.runtime.io.TaskManagedResources;
import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.metrics.MetricGroup;
import io.eddy.api.operators.InternalTimerService;
import io.eddy.api.operators.OperatorContext;
import io.eddy.api.operators.ProcessingTimeService;
import io.eddy.api.operators.Triggerable;
import io.eddy.api.state.AggregatingState;
import io.eddy.api.state.AggregatingStateDescriptor;
import io.eddy.api.state.KeyedStateStore;
import io.eddy.api.state.ListState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.MapState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.OperatorStateStore;
import io.eddy.api.state.ReducingState;
import io.eddy.api.state.ReducingStateDescriptor;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.runtime.checkpoint.StateHandle;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.metrics.ScopedMetricGroup;
import io.eddy.runtime.operators.RuntimeOperatorContext;
import io.eddy.runtime.state.CheckpointableKeyedStateBackend;
import io.eddy.runtime.state.HeapOperatorStateStore;
import io.eddy.runtime.state.KeyedStateBackend;
import io.eddy.runtime.timers.HeapTimerService;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The context of one operator in one subtask. */
public final class OperatorContextImpl implements RuntimeOperatorContext {
    private final TaskDeploymentDescriptor task;
    private final String operatorName;
    private final ClassLoader userClassLoader;
    private final KeyedStateBackend<?> keyedStateBackend;
    private final ProcessingTimeService processingTime;
    private final ScopedMetricGroup metricGroup;
    private final Map<String, HeapTimerService<?, ?>> timerServices = new LinkedHashMap<>();
    private HeapOperatorStateStore operatorStateStore;
    private long currentWatermark = Long.MIN_VALUE;
    private boolean finalCheckpointPending;
    /** BATCH mode: the timers wait for the end of each key ({@link #deferTimersToEndOfKey()}). */
    private boolean timersAtEndOfKey;
    private TaskManagedResources managedResources;
    private SuperstepAlignment superstepAlignment;
    private RuntimeContext functionContext;
    private Map<String, List<?>> broadcastVariables = Map.of();
    /** What {@code getBroadcastVariableWithInitializer} made of each broadcast set, by name. */
    private final Map<String, Object> initializedBroadcastVariables = new HashMap<>();

    public OperatorContextImpl(TaskDeploymentDescriptor task, String operatorName, ClassLoader userClassLoader,
            KeyedStateBackend<?> keyedStateBackend, ProcessingTimeService processingTime) {
        this(task, operatorName, userClassLoader, keyedStateBackend, processingTime,
                ScopedMetricGroup.unregistered(operatorName));
    }

    /** @param metricGroup the operator's group, where its built-in and the user's metrics are registered */
    public OperatorContextImpl(TaskDeploymentDescriptor task, String operatorName, ClassLoader userClassLoader,
            KeyedStateBackend<?> keyedStateBackend, ProcessingTimeService processingTime, ScopedMetricGroup metricGroup) {
        this.metricGroup = metricGroup;
        this.task = task;
        this.operatorName = operatorName;
        this.userClassLoader = userClassLoader;
        this.keyedStateBackend = keyedStateBackend;
        this.processingTime = processingTime;
    }

    @Override
    public ProcessingTimeService getProcessingTimeService() {
        return processingTime;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, N> InternalTimerService<N> getInternalTimerService(String name, TypeSerializer<N> namespaceSerializer,
            Triggerable<K, N> target) {
        if (keyedStateBackend == null) {
            throw new IllegalStateException("Timers belong to keys, but the input of '" + operatorName
                    + "' is not keyed: apply keyBy(...) first.");
        }
        return (InternalTimerService<N>) timerServices.computeIfAbsent(name, n -> {
            CheckpointableKeyedStateBackend<K> backend = (CheckpointableKeyedStateBackend<K>) keyedStateBackend;
            HeapTimerService<K, N> timers = new HeapTimerService<>(backend, namespaceSerializer, processingTime, target);
            backend.registerTimerService(n, timers);
            if (timersAtEndOfKey) {
                timers.deferToFireAll();
            }
            return timers;
        });
    }

    @Override
    public MetricGroup getMetricGroup() {
        return metricGroup;
    }

    @Override
    public long currentWatermark() {
        return currentWatermark;
    }

    @Override
    public void advanceWatermark(long watermark) throws Exception {
        currentWatermark = watermark;
        for (HeapTimerService<?, ?> timers : timerServices.values()) {
            timers.advanceWatermark(watermark);
        }
    }

    @Override
    public void deferTimersToEndOfKey() {
        keyedState();
        timersAtEndOfKey = true;
        timerServices.values().forEach(HeapTimerService::deferToFireAll);
    }

    @Override
    public void fireTimersOfCurrentKey() throws Exception {
        // the operator reads the watermark from here too (e.g. whether a window is late)
        currentWatermark = Long.MAX_VALUE;
        boolean fired = true;
        while (fired) {
            fired = false;
            for (HeapTimerService<?, ?> timers : timerServices.values()) {
                fired |= timers.fireAll();
            }
        }
        currentWatermark = Long.MIN_VALUE;
    }

    @Override
    public void clearStateOfCurrentKey() {
        keyedState().clearCurrentKeyGroup();
    }

    /** Timers waiting to fire in all timer services of this operator. */
    public int numberOfTimers() {
        int n = 0;
        for (HeapTimerService<?, ?> timers : timerServices.values()) {
            n += timers.numberOfTimers();
        }
        return n;
    }

    /** Stops the processing-time wake-ups of this operator's timers. */
    public void closeTimers() {
        timerServices.values().forEach(HeapTimerService::close);
    }

    @Override
    public RuntimeContext getFunctionContext() {
        return functionContext != null ? functionContext : this;
    }

    @Override
    public void setFunctionContext(RuntimeContext context) {
        this.functionContext = context;
    }

    @Override
    public void setBroadcastVariables(Map<String, List<?>> variables) {
        this.broadcastVariables = variables;
        initializedBroadcastVariables.clear();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<T> getBroadcastVariable(String name) {
        List<?> variable = broadcastVariables.get(name);
        if (variable == null) {
            return RuntimeOperatorContext.super.getBroadcastVariable(name);
        }
        return (List<T>) variable;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T, C> C getBroadcastVariableWithInitializer(String name, BroadcastVariableInitializer<T, C> initializer) {
        Object initialized = initializedBroadcastVariables.get(name);
        if (initialized == null) {
            initialized = initializer.initializeBroadcastVariable(getBroadcastVariable(name));
            initializedBroadcastVariables.put(name, initialized);
        }
        return (C) initialized;
    }

    /** Set by the task before the operator is set up. */
    public void setSuperstepAlignment(SuperstepAlignment superstepAlignment) {
        this.superstepAlignment = superstepAlignment;
    }

    @Override
    public SuperstepAlignment getSuperstepAlignment() {
        return superstepAlignment;
    }

    @Override
    public ExecutionAttemptId getExecutionAttemptId() {
        return task.attemptId();
    }

    public void setManagedResources(TaskManagedResources managedResources) {
        this.managedResources = managedResources;
    }

    @Override
    public TaskManagedResources getManagedResources() {
        if (managedResources == null) {
            throw new IllegalStateException("Operator " + operatorName + " runs without managed memory: "
                    + "its task was not given any by a TaskManager");
        }
        return managedResources;
    }

    @Override
    public ExecutionConfig getExecutionConfig() {
        return task.executionConfig();
    }

    @Override
    public boolean isFinalCheckpointPending() {
        return finalCheckpointPending;
    }

    /** Set by the task before the end of input when a final checkpoint will follow it. */
    void setFinalCheckpointPending(boolean pending) {
        finalCheckpointPending = pending;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K> KeyedStateBackend<K> getKeyedStateBackend() {
        return (KeyedStateBackend<K>) keyedStateBackend;
    }

    @Override
    public KeyedStateStore getKeyedStateStore() {
        return keyedStateBackend == null ? null : this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K> K getCurrentKey() {
        return (K) keyedState().getCurrentKey();
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
        return keyedState().getState(descriptor);
    }

    @Override
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return keyedState().getListState(descriptor);
    }

    @Override
    public <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> descriptor) {
        return keyedState().getMapState(descriptor);
    }

    @Override
    public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
        return keyedState().getReducingState(descriptor);
    }

    @Override
    public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
            AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
        return keyedState().getAggregatingState(descriptor);
    }

    private KeyedStateBackend<?> keyedState() {
        if (keyedStateBackend == null) {
            throw new IllegalStateException("Keyed state is only available on a keyed stream, but the input of '"
                    + operatorName + "' is not keyed: partition the stream with keyBy(...) first.");
        }
        return keyedStateBackend;
    }

    @Override
    public OperatorStateStore getOperatorStateStore() {
        if (operatorStateStore == null) {
            operatorStateStore = new HeapOperatorStateStore(task.executionConfig().getSerializerConfig());
        }
        return operatorStateStore;
    }

    /** The operator state store, or null if the operator never asked for it. */
    HeapOperatorStateStore operatorStateStoreIfCreated() {
        return operatorStateStore;
    }

    /** Restores this subtask's share of the operator state files of all subtasks of an earlier run. */
    void restoreOperatorState(List<StateHandle> oldSubtasks, CheckpointStorage storage) throws IOException {
        ((HeapOperatorStateStore) getOperatorStateStore()).restore(oldSubtasks, task.parallelism(),
                task.subtaskIndex(), storage);
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
