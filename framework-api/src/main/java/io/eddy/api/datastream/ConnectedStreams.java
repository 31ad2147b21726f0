package io.eddy.api.datastream;

import io.eddy.api.datastream.DataStream.TypeOrError;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.functions.CoFlatMapFunction;
import io.eddy.api.functions.CoMapFunction;
import io.eddy.api.functions.Function;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.process.CoProcessFunction;
import io.eddy.api.functions.process.KeyedCoProcessFunction;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.operators.TwoInputOperator;
import io.eddy.api.transformations.Operation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.transformations.TwoInputTransformation;
import io.eddy.api.types.TypeInfo;

import static io.eddy.api.datastream.DataStream.check;
import static io.eddy.api.datastream.DataStream.extractOutputType;

/**
 * Two streams, possibly of different types, that one operator consumes together. The elements of
 * the two inputs interleave in no guaranteed order. When both inputs are keyed by the same key type
 * ({@link #keyBy}, or connecting two {@link KeyedStream}s), the elements of a key from both inputs
 * meet in one subtask and {@link #process(KeyedCoProcessFunction)} has keyed state and timers.
 */
public class ConnectedStreams<IN1, IN2> {
    private final DataStream<IN1> input1;
    private final DataStream<IN2> input2;

    ConnectedStreams(DataStream<IN1> input1, DataStream<IN2> input2) {
        if (input1.getExecutionEnvironment() != input2.getExecutionEnvironment()) {
            throw new InvalidProgramException("Cannot connect streams of different execution environments.");
        }
        this.input1 = input1;
        this.input2 = input2;
    }

    public StreamExecutionEnvironment getExecutionEnvironment() {
        return input1.getExecutionEnvironment();
    }

    public DataStream<IN1> getFirstInput() {
        return input1;
    }

    public DataStream<IN2> getSecondInput() {
        return input2;
    }

    public TypeInfo<IN1> getType1() {
        return input1.getType();
    }

    public TypeInfo<IN2> getType2() {
        return input2.getType();
    }

    /** Keys both inputs, each with its own selector, by keys of the same type. */
    public <K> ConnectedStreams<IN1, IN2> keyBy(KeySelector<IN1, K> key1, KeySelector<IN2, K> key2) {
        return new ConnectedStreams<>(input1.keyBy(key1), input2.keyBy(key2));
    }

    public <K> ConnectedStreams<IN1, IN2> keyBy(KeySelector<IN1, K> key1, KeySelector<IN2, K> key2,
            TypeInfo<K> keyType) {
        return new ConnectedStreams<>(input1.keyBy(key1, keyType), input2.keyBy(key2, keyType));
    }

    // ---------------------------------------------------------------- operations

    public <R> SingleOutputStreamOperator<R> map(CoMapFunction<IN1, IN2, R> mapper) {
        return apply("Co-Map", outputType(mapper, CoMapFunction.class, "map"),
                new Operation.CoMap<>(check(mapper, "map")));
    }

    public <R> SingleOutputStreamOperator<R> map(CoMapFunction<IN1, IN2, R> mapper, TypeInfo<R> outputType) {
        return apply("Co-Map", outputType, new Operation.CoMap<>(check(mapper, "map")));
    }

    public <R> SingleOutputStreamOperator<R> flatMap(CoFlatMapFunction<IN1, IN2, R> flatMapper) {
        return apply("Co-FlatMap", outputType(flatMapper, CoFlatMapFunction.class, "flatMap"),
                new Operation.CoFlatMap<>(check(flatMapper, "flatMap")));
    }

    public <R> SingleOutputStreamOperator<R> flatMap(CoFlatMapFunction<IN1, IN2, R> flatMapper,
            TypeInfo<R> outputType) {
        return apply("Co-FlatMap", outputType, new Operation.CoFlatMap<>(check(flatMapper, "flatMap")));
    }

    /** Applies a {@link CoProcessFunction}: side outputs and time queries, no keyed state or timers. */
    public <R> SingleOutputStreamOperator<R> process(CoProcessFunction<IN1, IN2, R> function) {
        return apply("Co-Process", outputType(function, CoProcessFunction.class, "process"),
                new Operation.CoProcess<>(check(function, "process")));
    }

    public <R> SingleOutputStreamOperator<R> process(CoProcessFunction<IN1, IN2, R> function, TypeInfo<R> outputType) {
        return apply("Co-Process", outputType, new Operation.CoProcess<>(check(function, "process")));
    }

    /** Applies a {@link KeyedCoProcessFunction}: keyed state and timers of the key both inputs share. */
    public <K, R> SingleOutputStreamOperator<R> process(KeyedCoProcessFunction<K, IN1, IN2, R> function) {
        KeyedStream<IN1, K> keyed1 = keyedInput(input1);
        KeyedStream<IN2, K> keyed2 = keyedInput(input2);
        TypeOrError<R> type = extractOutputType(function, KeyedCoProcessFunction.class, 3, "process",
                keyType(keyed1, keyed2), getType1(), getType2());
        return keyedProcess(function, keyed1, keyed2, type);
    }

    public <K, R> SingleOutputStreamOperator<R> process(KeyedCoProcessFunction<K, IN1, IN2, R> function,
            TypeInfo<R> outputType) {
        return keyedProcess(function, keyedInput(input1), keyedInput(input2), new TypeOrError<>(outputType, null));
    }

    private <K, R> SingleOutputStreamOperator<R> keyedProcess(KeyedCoProcessFunction<K, IN1, IN2, R> function,
            KeyedStream<IN1, K> keyed1, KeyedStream<IN2, K> keyed2, TypeOrError<R> outputType) {
        Operation operation = new Operation.KeyedCoProcess<>(check(function, "process"));
        TwoInputTransformation<IN1, IN2, R> t = transformation(input1, input2, "Keyed Co-Process", outputType,
                operation);
        t.setKeys(keyed1.getKeySelector(), keyed2.getKeySelector(), keyType(keyed1, keyed2));
        return new SingleOutputStreamOperator<>(getExecutionEnvironment(), t);
    }

    /**
     * Applies a custom two-input operator (a {@link TwoInputOperator}) that is not keyed.
     * {@code outputType} may be null if a later {@code returns(...)} declares it.
     */
    public <R> SingleOutputStreamOperator<R> transform(String name, TypeInfo<R> outputType,
            StreamOperator<R> operator) {
        if (!(operator instanceof TwoInputOperator)) {
            throw new InvalidProgramException("Operator '" + name + "' consumes two inputs, so it must implement "
                    + "TwoInputOperator: " + operator.getClass().getName());
        }
        return apply(name, new TypeOrError<>(outputType, null), new Operation.Custom(operator));
    }

    private <R> SingleOutputStreamOperator<R> apply(String name, TypeInfo<R> outputType, Operation operation) {
        return apply(name, new TypeOrError<>(outputType, null), operation);
    }

    private <R> SingleOutputStreamOperator<R> apply(String name, TypeOrError<R> outputType, Operation operation) {
        return new SingleOutputStreamOperator<>(getExecutionEnvironment(),
                transformation(input1, input2, name, outputType, operation));
    }

    /** The output type of a function whose type parameters are (IN1, IN2, OUT). */
    private <R> TypeOrError<R> outputType(Function function, Class<?> base, String operation) {
        return extractOutputType(function, base, 2, operation, getType1(), getType2());
    }

    // ---------------------------------------------------------------- shared with broadcast connections

    /** The transformation of a two-input operator, with the output type or why it is unknown. */
    static <I1, I2, R> TwoInputTransformation<I1, I2, R> transformation(DataStream<I1> input1, DataStream<I2> input2,
            String name, TypeOrError<R> outputType, Operation operation) {
        TwoInputTransformation<I1, I2, R> t = new TwoInputTransformation<>(input1.getTransformation(),
                input2.getTransformation(), name, operation, outputType.type(), Transformation.DEFAULT_PARALLELISM);
        if (outputType.error() != null) {
            t.setMissingOutputType(outputType.error());
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    static <T, K> KeyedStream<T, K> keyedInput(DataStream<T> input) {
        if (!(input instanceof KeyedStream<T, ?> keyed)) {
            throw new InvalidProgramException("A keyed process function needs keyed inputs (at "
                    + DataStream.callSite() + "): key them with keyBy(...) before connecting, or use "
                    + "connect(...).keyBy(selector1, selector2).");
        }
        return (KeyedStream<T, K>) keyed;
    }

    private static <K> TypeInfo<K> keyType(KeyedStream<?, K> keyed1, KeyedStream<?, K> keyed2) {
        if (!keyed1.getKeyType().equals(keyed2.getKeyType())) {
            throw new InvalidProgramException("The connected inputs are keyed by different key types, "
                    + keyed1.getKeyType() + " and " + keyed2.getKeyType() + ": elements of one key must meet in "
                    + "one subtask, so both key selectors must return the same type.");
        }
        return keyed1.getKeyType();
    }
}
