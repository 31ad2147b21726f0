package io.eddy.runtime.testing;

import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.runtime.state.KeyGroupRange;
import io.eddy.api.state.KeyGroups;
import io.eddy.runtime.state.KeyedStateBackend;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.TypeInfo;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.network.ExecutionAttemptId;
import io.eddy.runtime.state.HeapKeyedStateBackend;
import io.eddy.runtime.tasks.OperatorContextImpl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives one operator without a cluster: the test pushes elements, watermarks and processing
 * time, and reads what the operator emitted, its side outputs, timers and keyed state. The
 * operator gets the same context, state backend and timer service as in a real task, with a
 * {@link ManualProcessingTimeService} as clock.
 *
 * <p>Use {@link OneInputOperatorTestHarness}, {@link TwoInputOperatorTestHarness} or
 * {@link ProcessFunctionTestHarnesses}.
 */
public abstract class OperatorTestHarness<OUT> implements AutoCloseable {
    private final StreamOperator<OUT> operator;
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
            ExecutionConfig executionConfig) {
        this.operator = operator;
        this.keySelectors = (KeySelector<Object, Object>[]) keySelectors;
        int maxParallelism = KeyGroups.DEFAULT_MAX_PARALLELISM;
        this.backend = keyType == null ? null : new HeapKeyedStateBackend<>(
                (io.eddy.api.types.serializers.TypeSerializer<Object>) keyType.createSerializer(new SerializerConfig()),
                maxParallelism, KeyGroupRange.forSubtask(maxParallelism, 1, 0), processingTime::getCurrentProcessingTime);
        TaskDeploymentDescriptor task = new TaskDeploymentDescriptor("test-job", "test", ExecutionAttemptId.generate(),
                "v1", "harness", 0, 1, maxParallelism, 0, null, null, executionConfig, List.of(), List.of(), null);
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
