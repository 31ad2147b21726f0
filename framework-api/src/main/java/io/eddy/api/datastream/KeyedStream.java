package io.eddy.api.datastream;

import io.eddy.api.functions.process.KeyedProcessFunction;

import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.functions.FieldAggregator;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.partitioning.KeyGroupPartitioner;
import io.eddy.api.state.KeyGroups;
import io.eddy.api.transformations.OneInputTransformation;
import io.eddy.api.transformations.Operation;
import io.eddy.api.transformations.PartitionTransformation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.types.FieldAccessor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.windowing.assigners.GlobalWindows;
import io.eddy.api.windowing.assigners.WindowAssigner;
import io.eddy.api.windowing.evictors.CountEvictor;
import io.eddy.api.windowing.triggers.CountTrigger;
import io.eddy.api.windowing.triggers.PurgingTrigger;
import io.eddy.api.windowing.windows.GlobalWindow;
import io.eddy.api.windowing.windows.Window;

/**
 * A stream partitioned by key: every element of a key goes to the same parallel subtask, where
 * operators keep state per key.
 */
public class KeyedStream<T, K> extends DataStream<T> {
    private final KeySelector<T, K> keySelector;
    private final TypeInfo<K> keyType;

    KeyedStream(DataStream<T> input, KeySelector<T, K> keySelector, TypeInfo<K> keyType) {
        super(input.getExecutionEnvironment(), new PartitionTransformation<>(input.getTransformation(),
                new KeyGroupPartitioner<>(keySelector, KeyGroups.DEFAULT_MAX_PARALLELISM)));
        if (!keyType.isKeyType()) {
            throw new InvalidProgramException("Type " + keyType + " cannot be used as a key (at " + callSite()
                    + "): its equals/hashCode are not by value (arrays, or classes that do not override them). "
                    + "Key by a String, number, tuple, record or a POJO that overrides equals and hashCode.");
        }
        this.keySelector = keySelector;
        this.keyType = keyType;
    }

    static <T> KeyedStream<T, Object> byField(DataStream<T> input, FieldAccessor<T, Object> field) {
        return new KeyedStream<>(input, fieldSelector(field), field.getFieldType());
    }

    static <T> KeySelector<T, Object> fieldSelector(FieldAccessor<T, Object> field) {
        return new FieldKeySelector<>(field);
    }

    /** Keys by one field through its accessor. */
    private record FieldKeySelector<T>(FieldAccessor<T, Object> field) implements KeySelector<T, Object> {
        @Override
        public Object getKey(T value) {
            return field.get(value);
        }
    }

    public KeySelector<T, K> getKeySelector() {
        return keySelector;
    }

    public TypeInfo<K> getKeyType() {
        return keyType;
    }

    /**
     * Applies a keyed operator: the runtime gives it a state backend and makes each element's key
     * current before the operator sees the element. Every operation on a keyed stream
     * ({@code map}, {@code flatMap}, {@code filter}, ...) is keyed, so rich functions can use keyed state.
     */
    @Override
    <R> SingleOutputStreamOperator<R> apply(String name, TypeInfo<R> outputType, Operation operation) {
        OneInputTransformation<T, R> t = new OneInputTransformation<>(transformation, name, operation, outputType,
                Transformation.DEFAULT_PARALLELISM);
        t.setKey(keySelector, keyType);
        return new SingleOutputStreamOperator<>(environment, t);
    }

    /** Running reduce: emits the reduced value of the element's key for every element. */
    public SingleOutputStreamOperator<T> reduce(ReduceFunction<T> reducer) {
        return apply("Keyed Reduce", getType(),
                new Operation.Reduce<>(check(reducer, "reduce"), getType()));
    }

    /** Running sum of field {@code position} (0 for a stream of numbers); other fields from the key's first element. */
    public SingleOutputStreamOperator<T> sum(int position) {
        return aggregate(FieldAggregator.Kind.SUM, position);
    }

    public SingleOutputStreamOperator<T> sum(String field) {
        return aggregate(FieldAggregator.Kind.SUM, field);
    }

    public SingleOutputStreamOperator<T> min(int position) {
        return aggregate(FieldAggregator.Kind.MIN, position);
    }

    public SingleOutputStreamOperator<T> min(String field) {
        return aggregate(FieldAggregator.Kind.MIN, field);
    }

    public SingleOutputStreamOperator<T> max(int position) {
        return aggregate(FieldAggregator.Kind.MAX, position);
    }

    public SingleOutputStreamOperator<T> max(String field) {
        return aggregate(FieldAggregator.Kind.MAX, field);
    }

    /** The element with the smallest value of the field so far (the earliest on ties). */
    public SingleOutputStreamOperator<T> minBy(int position) {
        return aggregate(FieldAggregator.Kind.MIN_BY, position);
    }

    public SingleOutputStreamOperator<T> minBy(String field) {
        return aggregate(FieldAggregator.Kind.MIN_BY, field);
    }

    public SingleOutputStreamOperator<T> maxBy(int position) {
        return aggregate(FieldAggregator.Kind.MAX_BY, position);
    }

    public SingleOutputStreamOperator<T> maxBy(String field) {
        return aggregate(FieldAggregator.Kind.MAX_BY, field);
    }

    private SingleOutputStreamOperator<T> aggregate(FieldAggregator.Kind kind, int position) {
        TypeInfo<T> type = getType();
        FieldAggregator<T> aggregator = FieldAggregator.at(kind, type, position,
                type.createSerializer(environment.getConfig().getSerializerConfig()));
        return keyedAggregation(aggregator, type);
    }

    private SingleOutputStreamOperator<T> aggregate(FieldAggregator.Kind kind, String field) {
        TypeInfo<T> type = getType();
        FieldAggregator<T> aggregator = FieldAggregator.named(kind, type, field,
                type.createSerializer(environment.getConfig().getSerializerConfig()));
        return keyedAggregation(aggregator, type);
    }

    /**
     * A running aggregation: each element arrives deserialized or copied for the keyed operator
     * alone, which keeps it as the key's value or drops it, so the aggregation may overwrite it.
     */
    private SingleOutputStreamOperator<T> keyedAggregation(FieldAggregator<T> aggregator, TypeInfo<T> type) {
        return apply("Keyed Aggregation", type, new Operation.Reduce<>(aggregator.consumingInput(), type));
    }

    /** Applies a {@link KeyedProcessFunction}: keyed state, per-key timers and side outputs. */
    public <R> SingleOutputStreamOperator<R> process(KeyedProcessFunction<K, T, R> function) {
        TypeOrError<R> type = outputType(function, KeyedProcessFunction.class, 2, "process");
        return apply("Keyed Process", type, new Operation.KeyedProcess<>(check(function, "process")));
    }

    public <R> SingleOutputStreamOperator<R> process(KeyedProcessFunction<K, T, R> function, TypeInfo<R> outputType) {
        return apply("Keyed Process", outputType, new Operation.KeyedProcess<>(check(function, "process")));
    }

    /** Joins this stream with {@code other} on the key and an interval of event time; see {@link IntervalJoin}. */
    public <T2> IntervalJoin<T, T2, K> intervalJoin(KeyedStream<T2, K> other) {
        return new IntervalJoin<>(this, other);
    }

    /** Groups each key's elements into the windows of {@code assigner}, e.g. {@code TumblingEventTimeWindows.of(...)}. */
    public <W extends Window> WindowedStream<T, K, W> window(WindowAssigner<? super T, W> assigner) {
        return new WindowedStream<>(this, assigner);
    }

    /** Windows of {@code size} consecutive elements per key; a window is evaluated when it is full. */
    public WindowedStream<T, K, GlobalWindow> countWindow(long size) {
        return window(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.of(size)));
    }

    /** Every {@code slide} elements of a key, a window of the key's last {@code size} elements. */
    public WindowedStream<T, K, GlobalWindow> countWindow(long size, long slide) {
        return window(GlobalWindows.create()).evictor(CountEvictor.of(size)).trigger(CountTrigger.of(slide));
    }
}
