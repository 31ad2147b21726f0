package io.eddy.testutils.harness;

import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.runtime.state.KeyedStateBackend;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.checkpoint.CheckpointLocation;
import io.eddy.runtime.checkpoint.StateHandle;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.keygroups.KeyGroupRange;
import io.eddy.runtime.network.ExecutionAttemptId;
import io.eddy.runtime.state.HeapKeyedStateBackend;
import io.eddy.runtime.state.HeapOperatorStateStore;
import io.eddy.runtime.checkpoint.KeyGroupsStateHandle;
import io.eddy.runtime.tasks.OperatorContextImpl;
import io.eddy.testutils.checkpoint.InMemoryCheckpointStorage;
import io.eddy.testutils.checkpoint.InMemoryCheckpointStorageFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Drives one operator without a cluster: the test pushes elements, watermarks and processing
 * time, and reads what the operator emitted, its side outputs, timers and keyed state. The
 * operator gets the same context, state backend and timer service as in a real task, with a
 * {@link ManualProcessingTimeService} as clock.
 *
 * <p>Recovery: {@link #snapshot()} takes the operator's keyed state, timers and operator state as a
 * checkpoint does; {@link #restore} puts the snapshots of all subtasks of a run into a fresh harness
 * before it opens, which keeps the key groups of its {@link Subtask} (another parallelism
 * redistributes them) and its share of the operator state. A test of recovery runs the input once
 * through, and once with a snapshot and restore in the middle, and compares the outputs.
 *
 * <p>Single-threaded, like a task: everything runs in the calling thread.
 *
 * <p>Use {@link OneInputOperatorTestHarness}, {@link TwoInputOperatorTestHarness} or
 * {@link ProcessFunctionTestHarnesses}.
 */
public abstract class OperatorTestHarness<OUT> implements AutoCloseable {
    /** Where snapshots are written: the JVM's {@code mem://} storage, under a job id of this harness. */
    private static final InMemoryCheckpointStorage SNAPSHOTS = InMemoryCheckpointStorageFactory.STORAGE;

    private final StreamOperator<OUT> operator;
    private final Subtask subtask;
    /** Names this harness's snapshots apart from those of every other harness in the JVM. */
    private final String snapshotJobId = "harness-" + UUID.randomUUID();
    private long lastCheckpointId;
    private final ManualProcessingTimeService processingTime = new ManualProcessingTimeService();
    private final HeapKeyedStateBackend<Object> backend;
    private final OperatorContextImpl context;
    private final KeySelector<Object, Object>[] keySelectors;
    private final List<Timestamped<OUT>> output = new ArrayList<>();
    private final Map<String, List<Timestamped<Object>>> sideOutputs = new HashMap<>();
    private final List<Long> watermarks = new ArrayList<>();
    private final List<Boolean> watermarkStatuses = new ArrayList<>();
    private boolean opened;
    private boolean closed;

    /**
     * @param keySelectors one per input when the operator is keyed, else null
     * @param keyType the key type when keyed, else null
     */
    @SuppressWarnings("unchecked")
    protected OperatorTestHarness(StreamOperator<OUT> operator, KeySelector<?, ?>[] keySelectors, TypeInfo<?> keyType,
            ExecutionConfig executionConfig, Subtask subtask) {
        this.operator = operator;
        this.subtask = subtask;
        this.keySelectors = (KeySelector<Object, Object>[]) keySelectors;
        this.backend = keyType == null ? null : new HeapKeyedStateBackend<>(
                (TypeSerializer<Object>) keyType.createSerializer(executionConfig.getSerializerConfig()),
                subtask.maxParallelism(), subtask.keyGroupRange(), processingTime::getCurrentProcessingTime,
                executionConfig.getSerializerConfig());
        TaskDeploymentDescriptor task = new TaskDeploymentDescriptor("test-job", "test", ExecutionAttemptId.generate(),
                "v1", "harness", subtask.index(), subtask.parallelism(), subtask.maxParallelism(), 0, null, null,
                executionConfig, List.of(), List.of(), null);
        this.context = new OperatorContextImpl(task, operator.getClass().getSimpleName(),
                Thread.currentThread().getContextClassLoader(), backend, processingTime);
        operator.setup(context, new CollectingOutput());
    }

    /** Opens the operator; called by the first element, watermark or time change if not before. */
    public void open() throws Exception {
        if (!opened) {
            opened = true;
            operator.open();
        }
    }

    protected StreamOperator<OUT> operator() {
        return operator;
    }

    /** Makes the key of {@code element} (from input {@code input}) current, for keyed operators. */
    protected void setKeyOf(int input, Object element) throws Exception {
        if (backend != null) {
            backend.setCurrentKey(keySelectors[input].getKey(element));
        }
    }

    public void processWatermark(long watermark) throws Exception {
        open();
        operator.processWatermark(watermark);
    }

    public void processWatermarkStatus(boolean idle) throws Exception {
        open();
        operator.processWatermarkStatus(idle);
    }

    /** Moves processing time forward, firing due processing-time timers and periodic callbacks. */
    public void setProcessingTime(long time) throws Exception {
        open();
        processingTime.advanceTo(time);
    }

    public long getProcessingTime() {
        return processingTime.getCurrentProcessingTime();
    }

    /**
     * Takes a checkpoint of the operator as a task does at a barrier: {@code snapshotState}, then its
     * keyed state and timers and its operator state, written out. The harness goes on afterwards.
     */
    public OperatorSnapshot snapshot() throws Exception {
        open();
        long checkpointId = ++lastCheckpointId;
        operator.snapshotState(checkpointId);
        CheckpointLocation location = SNAPSHOTS.initializeCheckpoint(snapshotJobId, checkpointId);
        KeyGroupsStateHandle keyed = backend == null ? null : backend.snapshot(checkpointId).writeTo(location);
        StateHandle operatorState = operatorStateStore().snapshot(checkpointId).writeTo(location);
        return new OperatorSnapshot(subtask, checkpointId, keyed, operatorState);
    }

    /** Restores one snapshot of an operator that ran with parallelism 1. */
    public void restore(OperatorSnapshot snapshot) throws IOException {
        restore(List.of(snapshot));
    }

    /**
     * Restores this harness's share of an earlier run: the key groups of its {@link Subtask} from
     * the keyed state of all old subtasks, and its share of their operator state. Call it before the
     * first element, watermark or time change.
     *
     * @param snapshots one snapshot of each subtask of the earlier run, by subtask index
     */
    public void restore(List<OperatorSnapshot> snapshots) throws IOException {
        if (opened) {
            throw new IllegalStateException("Restore before the operator opens: call restore(...) before the first "
                    + "element, watermark or processing-time change of this harness");
        }
        List<KeyGroupsStateHandle> keyed = new ArrayList<>();
        List<StateHandle> operatorState = new ArrayList<>();
        for (int i = 0; i < snapshots.size(); i++) {
            OperatorSnapshot snapshot = snapshots.get(i);
            if (snapshot.subtask().index() != i || snapshot.subtask().parallelism() != snapshots.size()) {
                throw new IllegalArgumentException("Give the snapshots of all subtasks of one run, by index: snapshot "
                        + i + " of " + snapshots.size() + " is of " + snapshot.subtask());
            }
            if (snapshot.subtask().maxParallelism() != subtask.maxParallelism()) {
                throw new IllegalArgumentException("Keyed state of max parallelism "
                        + snapshot.subtask().maxParallelism() + " cannot be restored at max parallelism "
                        + subtask.maxParallelism() + ": key groups are fixed for the life of a state");
            }
            if (snapshot.keyedState() != null) {
                if (backend == null) {
                    throw new IllegalArgumentException("The snapshot holds keyed state but this harness is not keyed: "
                            + "create it with forKeyedOperator(...)");
                }
                keyed.add(snapshot.keyedState());
            }
            operatorState.add(snapshot.operatorState());
        }
        if (!keyed.isEmpty()) {
            backend.restore(keyed, SNAPSHOTS);
        }
        operatorStateStore().restore(operatorState, subtask.parallelism(), subtask.index(), SNAPSHOTS);
    }

    private HeapOperatorStateStore operatorStateStore() {
        return (HeapOperatorStateStore) context.getOperatorStateStore();
    }

    /** The subtask this harness plays. */
    public Subtask subtask() {
        return subtask;
    }

    /** Signals the end of the input, as a bounded source does: the final watermark, then {@code endInput}. */
    public void endInput() throws Exception {
        open();
        operator.processWatermark(Long.MAX_VALUE);
        operator.endInput();
    }

    @Override
    public void close() throws Exception {
        if (!closed) {
            closed = true;
            try {
                operator.close();
            } finally {
                context.closeTimers();
            }
        }
    }

    /** Everything emitted on the main output so far, with timestamps. */
    public List<Timestamped<OUT>> getOutput() {
        return output;
    }

    /** What was emitted on the main output since the last call, with timestamps; forgets it. */
    public List<Timestamped<OUT>> takeOutput() {
        List<Timestamped<OUT>> taken = List.copyOf(output);
        output.clear();
        return taken;
    }

    /** The values emitted on the main output so far. */
    public List<OUT> getOutputValues() {
        return output.stream().map(Timestamped::value).toList();
    }

    /** The values emitted to the side output {@code tag}. */
    @SuppressWarnings("unchecked")
    public <X> List<X> getSideOutput(OutputTag<X> tag) {
        return sideOutputs.getOrDefault(tag.getId(), List.of()).stream().map(t -> (X) t.value()).toList();
    }

    /** What was emitted to the side output {@code tag}, with timestamps. */
    @SuppressWarnings("unchecked")
    public <X> List<Timestamped<X>> getSideOutputWithTimestamps(OutputTag<X> tag) {
        return sideOutputs.getOrDefault(tag.getId(), List.of()).stream()
                .map(t -> new Timestamped<>((X) t.value(), t.timestamp())).toList();
    }

    public List<Long> getWatermarks() {
        return watermarks;
    }

    /** The idle ({@code true}) / active statuses emitted, in order. */
    public List<Boolean> getWatermarkStatuses() {
        return watermarkStatuses;
    }

    /** Forgets what was emitted so far. */
    public void clearOutput() {
        output.clear();
        sideOutputs.clear();
        watermarks.clear();
        watermarkStatuses.clear();
    }

    /** The operator's keyed state; make a key current with {@code setCurrentKey} to read its values. */
    @SuppressWarnings("unchecked")
    public <K> KeyedStateBackend<K> getKeyedStateBackend() {
        if (backend == null) {
            throw new IllegalStateException("The operator is not keyed: create the harness with a key selector");
        }
        return (KeyedStateBackend<K>) (KeyedStateBackend<?>) backend;
    }

    /** (key, namespace) entries of the named keyed state, e.g. to check that state was cleaned up. */
    public int numberOfStateEntries(String stateName) {
        return backend.numberOfEntries(stateName);
    }

    /** Event- and processing-time timers waiting to fire. */
    public int numberOfTimers() {
        return context.numberOfTimers();
    }

    private final class CollectingOutput implements Output<OUT> {
        @Override
        public void collect(OUT record, long timestamp) {
            output.add(new Timestamped<>(record, timestamp));
        }

        @Override
        public <X> void collect(OutputTag<X> tag, X record, long timestamp) {
            sideOutputs.computeIfAbsent(tag.getId(), id -> new ArrayList<>()).add(new Timestamped<>(record, timestamp));
        }

        @Override
        public void emitWatermark(long watermark) {
            watermarks.add(watermark);
        }

        @Override
        public void emitWatermarkStatus(boolean idle) {
            watermarkStatuses.add(idle);
        }
    }
}
