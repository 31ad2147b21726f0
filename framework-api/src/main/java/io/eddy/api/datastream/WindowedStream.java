package io.eddy.api.datastream;

import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.functions.AggregateFunction;
import io.eddy.api.functions.FieldAggregator;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.transformations.Operation;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.windowing.assigners.MergingWindowAssigner;
import io.eddy.api.windowing.assigners.WindowAssigner;
import io.eddy.api.windowing.evictors.Evictor;
import io.eddy.api.windowing.functions.PassThroughWindowFunction;
import io.eddy.api.windowing.functions.ProcessWindowFunction;
import io.eddy.api.windowing.functions.WindowFunction;
import io.eddy.api.windowing.functions.WindowFunctionAdapter;
import io.eddy.api.windowing.triggers.Trigger;
import io.eddy.api.windowing.windows.Window;

import java.time.Duration;

/**
 * A keyed stream grouped into windows: configure the trigger, evictor and lateness, then say how
 * a window is evaluated ({@code reduce}, {@code aggregate}, {@code process}, ...). {@code reduce}
 * and {@code aggregate} keep one value per window, not its elements, unless there is an evictor.
 *
 * @param <T> type of the elements
 * @param <K> type of the key
 * @param <W> type of the windows
 */
public final class WindowedStream<T, K, W extends Window> {
    private final KeyedStream<T, K> input;
    private final WindowAssigner<? super T, W> assigner;
    private Trigger<? super T, ? super W> trigger;
    private Evictor<? super T, ? super W> evictor;
    private long allowedLateness;
    private OutputTag<T> lateDataTag;

    WindowedStream(KeyedStream<T, K> input, WindowAssigner<? super T, W> assigner) {
        this.input = input;
        this.assigner = assigner;
        this.trigger = assigner.getDefaultTrigger();
    }

    /** Replaces the assigner's default trigger. */
    public WindowedStream<T, K, W> trigger(Trigger<? super T, ? super W> trigger) {
        if (assigner instanceof MergingWindowAssigner && !trigger.canMerge()) {
            throw new InvalidProgramException(assigner + " merges windows, but trigger " + trigger
                    + " cannot merge (canMerge() is false)");
        }
        this.trigger = trigger;
        return this;
    }

    /** Removes elements when the window fires; the window then keeps all its elements. */
    public WindowedStream<T, K, W> evictor(Evictor<? super T, ? super W> evictor) {
        this.evictor = evictor;
        return this;
    }

    /**
     * Keeps event-time windows for {@code lateness} past their end: late elements are still added
     * and fire the window again with the updated result. Later elements are dropped (see
     * {@link #sideOutputLateData}). Default zero.
     */
    public WindowedStream<T, K, W> allowedLateness(Duration lateness) {
        if (lateness.isNegative()) {
            throw new InvalidProgramException("The allowed lateness must not be negative, was " + lateness);
        }
        this.allowedLateness = lateness.toMillis();
        return this;
    }

    /** Emits the elements dropped as too late to the side output {@code tag} instead of discarding them. */
    public WindowedStream<T, K, W> sideOutputLateData(OutputTag<T> tag) {
        this.lateDataTag = tag;
        return this;
    }

    /** Reduces each window's elements to one value, incrementally. */
    public SingleOutputStreamOperator<T> reduce(ReduceFunction<T> reducer) {
        return reduce(reducer, new PassThroughWindowFunction<>(), input.getType());
    }

    /** Reduces each window incrementally, then gives the reduced value to {@code function} with the window. */
    public <R> SingleOutputStreamOperator<R> reduce(ReduceFunction<T> reducer,
            ProcessWindowFunction<T, R, K, W> function) {
        return build("reduce", Contents.reducing(DataStream.check(reducer, "reduce")),
                function, functionOutputType(function, input.getType()));
    }

    public <R> SingleOutputStreamOperator<R> reduce(ReduceFunction<T> reducer,
            ProcessWindowFunction<T, R, K, W> function, TypeInfo<R> outputType) {
        return build("reduce", Contents.reducing(DataStream.check(reducer, "reduce")),
                function, new DataStream.TypeOrError<>(outputType, null));
    }

    /** Aggregates each window incrementally through one accumulator; emits the aggregate's result. */
    public <ACC, V> SingleOutputStreamOperator<V> aggregate(AggregateFunction<T, ACC, V> aggregator) {
        TypeInfo<ACC> accumulatorType = accumulatorType(aggregator);
        DataStream.TypeOrError<V> resultType = DataStream.extractOutputType(aggregator, AggregateFunction.class, 2, "aggregate",
                input.getType(), accumulatorType);
        return build("aggregate", Contents.aggregating(DataStream.check(aggregator, "aggregate"), accumulatorType),
                new PassThroughWindowFunction<>(), resultType);
    }

    public <ACC, V> SingleOutputStreamOperator<V> aggregate(AggregateFunction<T, ACC, V> aggregator,
            TypeInfo<ACC> accumulatorType, TypeInfo<V> resultType) {
        return build("aggregate", Contents.aggregating(DataStream.check(aggregator, "aggregate"), accumulatorType),
                new PassThroughWindowFunction<>(), new DataStream.TypeOrError<>(resultType, null));
    }

    /** Aggregates each window incrementally, then gives the result to {@code function} with the window. */
    public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(AggregateFunction<T, ACC, V> aggregator,
            ProcessWindowFunction<V, R, K, W> function) {
        TypeInfo<ACC> accumulatorType = accumulatorType(aggregator);
        DataStream.TypeOrError<V> resultType = DataStream.extractOutputType(aggregator, AggregateFunction.class, 2, "aggregate",
                input.getType(), accumulatorType);
        return build("aggregate", Contents.aggregating(DataStream.check(aggregator, "aggregate"), accumulatorType),
                function, functionOutputType(function, resultType.type()));
    }

    /**
     * Aggregates each window incrementally, then gives the result to {@code function} with the window,
     * with the types declared: the accumulator's, the aggregate result's ({@code function}'s input,
     * which needs no serializer since it is handed over directly) and the output's.
     */
    public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(AggregateFunction<T, ACC, V> aggregator,
            ProcessWindowFunction<V, R, K, W> function, TypeInfo<ACC> accumulatorType, TypeInfo<V> aggregateResultType,
            TypeInfo<R> outputType) {
        return build("aggregate", Contents.aggregating(DataStream.check(aggregator, "aggregate"), accumulatorType),
                function, new DataStream.TypeOrError<>(outputType, null));
    }

    /** Gives all elements of a window to {@code function} when it fires; the window keeps them all. */
    public <R> SingleOutputStreamOperator<R> process(ProcessWindowFunction<T, R, K, W> function) {
        return build("process", Contents.allElements(), function,
                functionOutputType(function, input.getType()));
    }

    public <R> SingleOutputStreamOperator<R> process(ProcessWindowFunction<T, R, K, W> function,
            TypeInfo<R> outputType) {
        return build("process", Contents.allElements(), function,
                new DataStream.TypeOrError<>(outputType, null));
    }

    /** Like {@link #process}, for the joins built on windows: named after {@code operation}, output type possibly unknown. */
    <R> SingleOutputStreamOperator<R> process(String operation, ProcessWindowFunction<T, R, K, W> function,
            DataStream.TypeOrError<R> outputType) {
        return build(operation, Contents.allElements(), function, outputType);
    }

    /** Like {@link #process}, for a function without context. */
    public <R> SingleOutputStreamOperator<R> apply(WindowFunction<T, R, K, W> function) {
        DataStream.check(function, "apply");
        DataStream.TypeOrError<R> type = DataStream.extractOutputType(function, WindowFunction.class, 1, "apply",
                input.getType(), input.getKeyType(), assigner.getWindowType());
        return build("apply", Contents.allElements(), new WindowFunctionAdapter<>(function),
                type);
    }

    public <R> SingleOutputStreamOperator<R> apply(WindowFunction<T, R, K, W> function, TypeInfo<R> outputType) {
        return build("apply", Contents.allElements(),
                new WindowFunctionAdapter<>(DataStream.check(function, "apply")),
                new DataStream.TypeOrError<>(outputType, null));
    }

    /** Per window, the sum of field {@code position} (0 for a stream of numbers); other fields from the first element. */
    public SingleOutputStreamOperator<T> sum(int position) {
        return reduce(fieldAggregator(FieldAggregator.Kind.SUM, position, null));
    }

    public SingleOutputStreamOperator<T> sum(String field) {
        return reduce(fieldAggregator(FieldAggregator.Kind.SUM, -1, field));
    }

    public SingleOutputStreamOperator<T> min(int position) {
        return reduce(fieldAggregator(FieldAggregator.Kind.MIN, position, null));
    }

    public SingleOutputStreamOperator<T> min(String field) {
        return reduce(fieldAggregator(FieldAggregator.Kind.MIN, -1, field));
    }

    public SingleOutputStreamOperator<T> max(int position) {
        return reduce(fieldAggregator(FieldAggregator.Kind.MAX, position, null));
    }

    public SingleOutputStreamOperator<T> max(String field) {
        return reduce(fieldAggregator(FieldAggregator.Kind.MAX, -1, field));
    }

    /** By {@code field} when it is given, else by {@code position}. */
    private FieldAggregator<T> fieldAggregator(FieldAggregator.Kind kind, int position, String field) {
        TypeInfo<T> type = input.getType();
        TypeSerializer<T> serializer = type.createSerializer(
                input.getExecutionEnvironment().getConfig().getSerializerConfig());
        return field == null ? FieldAggregator.at(kind, type, position, serializer)
                : FieldAggregator.named(kind, type, field, serializer);
    }

    private <ACC> TypeInfo<ACC> accumulatorType(AggregateFunction<T, ACC, ?> aggregator) {
        DataStream.TypeOrError<ACC> type = DataStream.extractOutputType(aggregator, AggregateFunction.class, 1, "aggregate",
                input.getType(), null);
        if (type.error() != null) {
            throw new InvalidProgramException(type.error().getMessage() + " For the accumulator, pass its type: "
                    + "aggregate(function, accumulatorType, resultType).", type.error());
        }
        return type.type();
    }

    private <V, R> DataStream.TypeOrError<R> functionOutputType(ProcessWindowFunction<V, R, K, W> function,
            TypeInfo<V> inputType) {
        DataStream.check(function, "window function");
        return DataStream.extractOutputType(function, ProcessWindowFunction.class, 1, "window function", inputType,
                input.getKeyType(), assigner.getWindowType());
    }

    /**
     * How a window keeps its contents: reduced or aggregated as elements arrive (one of
     * {@code reducer} and {@code aggregator}), or all elements (neither).
     */
    private record Contents<T, V>(ReduceFunction<T> reducer, AggregateFunction<T, ?, V> aggregator,
            TypeInfo<?> accumulatorType) {
        static <T> Contents<T, T> reducing(ReduceFunction<T> reducer) {
            return new Contents<>(reducer, null, null);
        }

        static <T, ACC, V> Contents<T, V> aggregating(AggregateFunction<T, ACC, V> aggregator,
                TypeInfo<ACC> accumulatorType) {
            return new Contents<>(null, aggregator, accumulatorType);
        }

        static <T> Contents<T, T> allElements() {
            return new Contents<>(null, null, null);
        }
    }

    private <V, R> SingleOutputStreamOperator<R> build(String operation, Contents<T, V> contents,
            ProcessWindowFunction<V, R, K, W> function, DataStream.TypeOrError<R> outputType) {
        DataStream.check(function, operation);
        Operation window = new Operation.WindowAggregation<>(assigner, trigger, evictor, input.getType(),
                allowedLateness, lateDataTag, contents.reducer(), contents.aggregator(), contents.accumulatorType(),
                function);
        String name = "Window(" + assigner + ", " + trigger + (evictor == null ? "" : ", " + evictor) + ", "
                + operation + ")";
        return input.apply(name, outputType, window);
    }
}
