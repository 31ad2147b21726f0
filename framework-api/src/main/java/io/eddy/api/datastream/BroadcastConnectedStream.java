package io.eddy.api.datastream;

import io.eddy.api.datastream.DataStream.TypeOrError;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.functions.process.BroadcastProcessFunction;
import io.eddy.api.functions.process.KeyedBroadcastProcessFunction;
import io.eddy.api.transformations.Operation;
import io.eddy.api.transformations.TwoInputTransformation;
import io.eddy.api.types.TypeInfo;

import static io.eddy.api.datastream.DataStream.check;
import static io.eddy.api.datastream.DataStream.extractOutputType;

/**
 * A stream connected with a {@link BroadcastStream}: its operator sees its own elements (input 1)
 * and every broadcast element (input 2), and keeps the broadcast states. When the first stream is
 * a {@link KeyedStream}, {@link #process(KeyedBroadcastProcessFunction)} also has keyed state and
 * timers for its elements.
 */
public final class BroadcastConnectedStream<IN1, IN2> {
    private final DataStream<IN1> input;
    private final BroadcastStream<IN2> broadcast;

    BroadcastConnectedStream(DataStream<IN1> input, BroadcastStream<IN2> broadcast) {
        if (input.getExecutionEnvironment() != broadcast.getExecutionEnvironment()) {
            throw new InvalidProgramException("Cannot connect streams of different execution environments.");
        }
        this.input = input;
        this.broadcast = broadcast;
    }

    public StreamExecutionEnvironment getExecutionEnvironment() {
        return input.getExecutionEnvironment();
    }

    public TypeInfo<IN1> getType1() {
        return input.getType();
    }

    public TypeInfo<IN2> getType2() {
        return broadcast.getType();
    }

    /** Applies a {@link BroadcastProcessFunction}; keyed state and timers are not available. */
    public <R> SingleOutputStreamOperator<R> process(BroadcastProcessFunction<IN1, IN2, R> function) {
        return process(function, DataStream.<R>extractOutputType(function, BroadcastProcessFunction.class, 2,
                "process", getType1(), getType2()));
    }

    public <R> SingleOutputStreamOperator<R> process(BroadcastProcessFunction<IN1, IN2, R> function,
            TypeInfo<R> outputType) {
        return process(function, new TypeOrError<>(outputType, null));
    }

    private <R> SingleOutputStreamOperator<R> process(BroadcastProcessFunction<IN1, IN2, R> function,
            TypeOrError<R> outputType) {
        Operation operation = new Operation.BroadcastProcess<>(check(function, "process"),
                broadcast.getBroadcastStateDescriptors());
        return new SingleOutputStreamOperator<>(getExecutionEnvironment(),
                ConnectedStreams.transformation(input, broadcast.stream(), "Broadcast Process", outputType, operation));
    }

    /** Applies a {@link KeyedBroadcastProcessFunction}; the first stream must be keyed. */
    public <K, R> SingleOutputStreamOperator<R> process(KeyedBroadcastProcessFunction<K, IN1, IN2, R> function) {
        KeyedStream<IN1, K> keyed = ConnectedStreams.keyedInput(input);
        return keyedProcess(function, keyed, extractOutputType(function, KeyedBroadcastProcessFunction.class, 3,
                "process", keyed.getKeyType(), getType1(), getType2()));
    }

    public <K, R> SingleOutputStreamOperator<R> process(KeyedBroadcastProcessFunction<K, IN1, IN2, R> function,
            TypeInfo<R> outputType) {
        return keyedProcess(function, ConnectedStreams.keyedInput(input), new TypeOrError<>(outputType, null));
    }

    private <K, R> SingleOutputStreamOperator<R> keyedProcess(KeyedBroadcastProcessFunction<K, IN1, IN2, R> function,
            KeyedStream<IN1, K> keyed, TypeOrError<R> outputType) {
        Operation operation = new Operation.KeyedBroadcastProcess<>(
                check(function, "process"), broadcast.getBroadcastStateDescriptors());
        TwoInputTransformation<IN1, IN2, R> t = ConnectedStreams.transformation(input, broadcast.stream(),
                "Keyed Broadcast Process", outputType, operation);
        // only the keyed side has a key; the broadcast side reaches every subtask
        t.setKeys(keyed.getKeySelector(), null, keyed.getKeyType());
        return new SingleOutputStreamOperator<>(getExecutionEnvironment(), t);
    }
}
