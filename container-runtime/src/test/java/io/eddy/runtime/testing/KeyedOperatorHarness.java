package io.eddy.runtime.testing;

import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.operators.InternalTimerService;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.OperatorContext;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.ProcessingTimeService;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.operators.Triggerable;
import io.eddy.api.state.AggregatingState;
import io.eddy.api.state.AggregatingStateDescriptor;
import io.eddy.api.state.KeyGroupRange;
import io.eddy.api.state.KeyGroups;
import io.eddy.api.state.KeyedStateBackend;
import io.eddy.api.state.ListState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.MapState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.ReducingState;
import io.eddy.api.state.ReducingStateDescriptor;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.TypeSerializer;
import io.eddy.runtime.state.HeapKeyedStateBackend;
import io.eddy.runtime.timers.HeapTimerService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one keyed operator in the test's thread, as a single subtask owning all key groups: a real
 * heap state backend and heap timers, a manual processing-time clock, and collected output.
 */
public final class KeyedOperatorHarness<K, IN, OUT> implements AutoCloseable {
    /** A record emitted by the operator. */
    public record Emitted<T>(T value, long timestamp) {}

    private final StreamOperator<OUT> operator;
    private final KeySelector<IN, K> keySelector;
    private final HeapKeyedStateBackend<K> backend;
    private final ManualProcessingTimeService clock = new ManualProcessingTimeService();
    private final Context context = new Context();
    private final List<Emitted<OUT>> output = new ArrayList<>();
    private final Map<OutputTag<?>, List<Emitted<?>>> sideOutputs = new LinkedHashMap<>();
    private final List<Long> watermarks = new ArrayList<>();

    public <O extends StreamOperator<OUT> & OneInputOperator<IN>> KeyedOperatorHarness(O operator,
            KeySelector<IN, K> keySelector, TypeInfo<K> keyType) throws Exception {
        this.operator = operator;
        this.keySelector = keySelector;
        ExecutionConfig config = new ExecutionConfig();
        this.backend = new HeapKeyedStateBackend<>(keyType.createSerializer(config.getSerializerConfig()),
                KeyGroups.DEFAULT_MAX_PARALLELISM, new KeyGroupRange(0, KeyGroups.DEFAULT_MAX_PARALLELISM - 1),
                clock::getCurrentProcessingTime);
        operator.setup(context, new CollectingOutput());
        operator.open();
    }

    @SuppressWarnings("unchecked")
    public void processElement(IN value, long timestamp) throws Exception {
        backend.setCurrentKey(keySelector.getKey(value));
        ((OneInputOperator<IN>) operator).processElement(value, timestamp);
    }

    public void processWatermark(long watermark) throws Exception {
        operator.processWatermark(watermark);
    }

    public void setProcessingTime(long time) throws Exception {
        clock.advanceTo(time);
    }

    /** What the operator emitted so far; cleared by the call. */
    public List<Emitted<OUT>> takeOutput() {
        List<Emitted<OUT>> taken = new ArrayList<>(output);
        output.clear();
        return taken;
    }

    @SuppressWarnings("unchecked")
    public <X> List<Emitted<X>> sideOutput(OutputTag<X> tag) {
        return (List<Emitted<X>>) (List<?>) sideOutputs.getOrDefault(tag, List.of());
    }

    public List<Long> watermarks() {
        return watermarks;
    }

    public HeapKeyedStateBackend<K> backend() {
        return backend;
    }

    /** Timers waiting to fire, over all timer services of the operator. */
    public int numberOfTimers() {
        return context.timerServices.values().stream().mapToInt(HeapTimerService::numberOfTimers).sum();
    }

    @Override
    public void close() throws Exception {
        operator.close();
        context.timerServices.values().forEach(HeapTimerService::close);
    }

    private final class CollectingOutput implements Output<OUT> {
        @Override
        public void collect(OUT record, long timestamp) {
            output.add(new Emitted<>(record, timestamp));
        }

        @Override
        public <X> void collect(OutputTag<X> tag, X record, long timestamp) {
            sideOutputs.computeIfAbsent(tag, t -> new ArrayList<>()).add(new Emitted<>(record, timestamp));
        }

        @Override
        public void emitWatermark(long watermark) {
            watermarks.add(watermark);
        }

        @Override
        public void emitWatermarkStatus(boolean idle) {}
    }

    private final class Context implements OperatorContext {
        final Map<String, HeapTimerService<K, ?>> timerServices = new LinkedHashMap<>();
        final ExecutionConfig executionConfig = new ExecutionConfig();
        long watermark = Long.MIN_VALUE;

        @Override
        @SuppressWarnings("unchecked")
        public <K2> KeyedStateBackend<K2> getKeyedStateBackend() {
            return (KeyedStateBackend<K2>) backend;
        }

        @Override
        public ProcessingTimeService getProcessingTimeService() {
            return clock;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K2, N> InternalTimerService<N> getInternalTimerService(String name,
                TypeSerializer<N> namespaceSerializer, Triggerable<K2, N> target) {
            return (InternalTimerService<N>) timerServices.computeIfAbsent(name,
                    n -> new HeapTimerService<>(backend, clock, (Triggerable<K, N>) target));
        }

        @Override
        public long currentWatermark() {
            return watermark;
        }

        @Override
        public void advanceWatermark(long watermark) throws Exception {
            this.watermark = watermark;
            for (HeapTimerService<K, ?> timers : timerServices.values()) {
                timers.advanceWatermark(watermark);
            }
        }

        @Override
        public ExecutionConfig getExecutionConfig() {
            return executionConfig;
        }

        @Override
        public ClassLoader getUserCodeClassLoader() {
            return getClass().getClassLoader();
        }

        @Override
        public String getTaskName() {
            return "operator under test";
        }

        @Override
        public int getIndexOfThisSubtask() {
            return 0;
        }

        @Override
        public int getNumberOfParallelSubtasks() {
            return 1;
        }

        @Override
        public int getMaxNumberOfParallelSubtasks() {
            return KeyGroups.DEFAULT_MAX_PARALLELISM;
        }

        @Override
        public int getAttemptNumber() {
            return 0;
        }

        @Override
        public String getJobId() {
            return "test";
        }

        @Override
        public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
            return backend.getState(descriptor);
        }

        @Override
        public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
            return backend.getListState(descriptor);
        }

        @Override
        public <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> descriptor) {
            return backend.getMapState(descriptor);
        }

        @Override
        public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
            return backend.getReducingState(descriptor);
        }

        @Override
        public <IN2, ACC, OUT2> AggregatingState<IN2, OUT2> getAggregatingState(
                AggregatingStateDescriptor<IN2, ACC, OUT2> descriptor) {
            return backend.getAggregatingState(descriptor);
        }
    }
}
