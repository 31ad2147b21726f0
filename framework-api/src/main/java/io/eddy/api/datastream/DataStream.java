package io.eddy.api.datastream;

import io.eddy.api.connector.sink.PrintSink;
import io.eddy.api.connector.sink.Sink;
import io.eddy.api.connector.sink.TextFileSink;
import io.eddy.api.connector.sink.TwoPhaseCommitSink;
import io.eddy.api.connector.sink.WriteMode;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.execution.JobClient;
import io.eddy.api.functions.CoMapFunction;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.Function;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.Partitioner;
import io.eddy.api.functions.process.ProcessFunction;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.partitioning.BroadcastPartitioner;
import io.eddy.api.partitioning.CustomPartitioner;
import io.eddy.api.partitioning.ForwardPartitioner;
import io.eddy.api.partitioning.GlobalPartitioner;
import io.eddy.api.partitioning.RebalancePartitioner;
import io.eddy.api.partitioning.RescalePartitioner;
import io.eddy.api.partitioning.ShufflePartitioner;
import io.eddy.api.partitioning.StreamPartitioner;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.transformations.OneInputTransformation;
import io.eddy.api.transformations.Operation;
import io.eddy.api.transformations.PartitionTransformation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.transformations.UnionTransformation;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * A stream of elements of one type, and the operations that build new streams from it. Nothing
 * runs until the environment's {@code execute()}.
 */
public class DataStream<T> {
    protected final StreamExecutionEnvironment environment;
    protected final Transformation<T> transformation;

    public DataStream(StreamExecutionEnvironment environment, Transformation<T> transformation) {
        this.environment = environment;
        this.transformation = transformation;
    }

    public StreamExecutionEnvironment getExecutionEnvironment() {
        return environment;
    }

    public Transformation<T> getTransformation() {
        return transformation;
    }

    /** The element type; fails with the reason if it could not be determined (then add {@code returns(...)}). */
    public TypeInfo<T> getType() {
        return transformation.getOutputType();
    }

    public int getParallelism() {
        int p = transformation.getParallelism();
        return p == Transformation.DEFAULT_PARALLELISM ? environment.getParallelism() : p;
    }

    // ---------------------------------------------------------------- element-wise

    public <R> SingleOutputStreamOperator<R> map(MapFunction<T, R> mapper) {
        return apply("Map", outputType(mapper, MapFunction.class, 1, "map"), new Operation.Map<>(check(mapper, "map")));
    }

    public <R> SingleOutputStreamOperator<R> map(MapFunction<T, R> mapper, TypeInfo<R> outputType) {
        return apply("Map", outputType, new Operation.Map<>(check(mapper, "map")));
    }

    public <R> SingleOutputStreamOperator<R> flatMap(FlatMapFunction<T, R> flatMapper) {
        return apply("FlatMap", outputType(flatMapper, FlatMapFunction.class, 1, "flatMap"),
                new Operation.FlatMap<>(check(flatMapper, "flatMap")));
    }

    public <R> SingleOutputStreamOperator<R> flatMap(FlatMapFunction<T, R> flatMapper, TypeInfo<R> outputType) {
        return apply("FlatMap", outputType, new Operation.FlatMap<>(check(flatMapper, "flatMap")));
    }

    public SingleOutputStreamOperator<T> filter(FilterFunction<T> filter) {
        return apply("Filter", getType(), new Operation.Filter<>(check(filter, "filter")));
    }

    /** Applies a {@link ProcessFunction}: any number of results per element, side outputs, time queries. */
    public <R> SingleOutputStreamOperator<R> process(ProcessFunction<T, R> function) {
        return apply("Process", outputType(function, ProcessFunction.class, 1, "process"),
                new Operation.Process<>(check(function, "process")));
    }

    public <R> SingleOutputStreamOperator<R> process(ProcessFunction<T, R> function, TypeInfo<R> outputType) {
        return apply("Process", outputType, new Operation.Process<>(check(function, "process")));
    }

    /**
     * Gives the elements event timestamps and the stream watermarks. Usually applied right after the
     * source; the watermark of each parallel subtask follows the elements of that subtask.
     */
    public SingleOutputStreamOperator<T> assignTimestampsAndWatermarks(WatermarkStrategy<T> strategy) {
        ClosureCheck.ensureSerializable(strategy, "the watermark strategy");
        return apply("Timestamps/Watermarks", getType(), new Operation.AssignTimestamps<>(strategy));
    }

    /**
     * Applies a user's own operator (a {@link StreamOperator} implementing
     * {@link io.eddy.api.operators.OneInputOperator}); on a keyed stream it gets keyed state and timers.
     * {@code outputType} may be null if a later {@code returns(...)} declares it.
     */
    public <R> SingleOutputStreamOperator<R> transform(String name, TypeInfo<R> outputType, StreamOperator<R> operator) {
        return apply(name, outputType, new Operation.Custom(operator));
    }

    /** Applies {@code operation}; a keyed stream keys it. */
    <R> SingleOutputStreamOperator<R> apply(String name, TypeInfo<R> outputType, Operation operation) {
        OneInputTransformation<T, R> t = new OneInputTransformation<>(transformation, name, operation, outputType,
                Transformation.DEFAULT_PARALLELISM);
        return new SingleOutputStreamOperator<>(environment, t);
    }

    /** Like {@link #apply} for operations whose output type extraction failed: records the reason for later. */
    <R> SingleOutputStreamOperator<R> apply(String name, TypeOrError<R> outputType, Operation operation) {
        SingleOutputStreamOperator<R> result = apply(name, outputType.type(), operation);
        if (outputType.error() != null) {
            result.getTransformation().setMissingOutputType(outputType.error());
        }
        return result;
    }

    // ---------------------------------------------------------------- keys and partitioning

    /** Partitions by the key the selector extracts; all elements of a key go to the same subtask. */
    public <K> KeyedStream<T, K> keyBy(KeySelector<T, K> key) {
        return new KeyedStream<>(this, check(key, "keyBy"), keyType(key, getType(), "keyBy"));
    }

    public <K> KeyedStream<T, K> keyBy(KeySelector<T, K> key, TypeInfo<K> keyType) {
        return new KeyedStream<>(this, check(key, "keyBy"), keyType);
    }

    /** Partitions by field {@code position} of a tuple or record. */
    public KeyedStream<T, Object> keyBy(int position) {
        return KeyedStream.byField(this, getType().getFieldAccessor(position));
    }

    /** Partitions by the named field of a POJO, record or tuple ({@code f0}, …). */
    public KeyedStream<T, Object> keyBy(String field) {
        return KeyedStream.byField(this, getType().getFieldAccessor(field));
    }

    /** Sends elements round-robin to all downstream subtasks, evening out skew. */
    public DataStream<T> rebalance() {
        return partition(new RebalancePartitioner<>());
    }

    /** Round-robin to a local subset of downstream subtasks; cheaper than rebalance when parallelism differs by a factor. */
    public DataStream<T> rescale() {
        return partition(new RescalePartitioner<>());
    }

    /** Sends each element to a random downstream subtask. */
    public DataStream<T> shuffle() {
        return partition(new ShufflePartitioner<>());
    }

    /** Sends every element to every downstream subtask. */
    public DataStream<T> broadcast() {
        return partition(new BroadcastPartitioner<>());
    }

    /** Subtask i to subtask i; needs equal parallelism and allows chaining. */
    public DataStream<T> forward() {
        return partition(new ForwardPartitioner<>());
    }

    /** Sends every element to the first downstream subtask. */
    public DataStream<T> global() {
        return partition(new GlobalPartitioner<>());
    }

    public <K> DataStream<T> partitionCustom(Partitioner<K> partitioner, KeySelector<T, K> key) {
        return partition(new CustomPartitioner<>(check(partitioner, "partitionCustom"), check(key, "partitionCustom")));
    }

    public DataStream<T> partitionCustom(Partitioner<Object> partitioner, int position) {
        return partition(new CustomPartitioner<T, Object>(check(partitioner, "partitionCustom"),
                KeyedStream.fieldSelector(getType().getFieldAccessor(position))));
    }

    protected DataStream<T> partition(StreamPartitioner<T> partitioner) {
        return new DataStream<>(environment, new PartitionTransformation<>(transformation, partitioner));
    }

    /**
     * Connects this stream with another, possibly of another type, for an operator that sees both
     * (e.g. {@link ConnectedStreams#map(CoMapFunction)}). Key both to share keyed state and timers.
     */
    public <T2> ConnectedStreams<T, T2> connect(DataStream<T2> other) {
        return new ConnectedStreams<>(this, other);
    }

    /**
     * Sends every element to every subtask of the consuming operator, which keeps the given broadcast
     * states; connect a stream with the result and {@code process} both.
     */
    public BroadcastStream<T> broadcast(MapStateDescriptor<?, ?>... broadcastStateDescriptors) {
        if (broadcastStateDescriptors.length == 0) {
            throw new InvalidProgramException("broadcast(...) needs the descriptors of the broadcast states the "
                    + "consuming operator keeps; without state, use broadcast() and connect(DataStream).");
        }
        return new BroadcastStream<>(partition(new BroadcastPartitioner<>()), List.of(broadcastStateDescriptors));
    }

    /** Connects this stream with a broadcast stream, whose elements every subtask sees and keeps in broadcast state. */
    public <B> BroadcastConnectedStream<T, B> connect(BroadcastStream<B> broadcastStream) {
        return new BroadcastConnectedStream<>(this, broadcastStream);
    }

    /**
     * Joins this stream with another per key and window:
     * {@code join(other).where(key1).equalTo(key2).window(assigner).apply(joinFunction)} gets every
     * pair of elements, one of each stream, with the same key in the same window.
     */
    public <T2> JoinedStreams<T, T2> join(DataStream<T2> other) {
        return new JoinedStreams<>(this, other);
    }

    /**
     * Groups this stream and another per key and window:
     * {@code coGroup(other).where(key1).equalTo(key2).window(assigner).apply(coGroupFunction)} gets
     * the elements of both streams of each key and window, also when one side has none.
     */
    public <T2> CoGroupedStreams<T, T2> coGroup(DataStream<T2> other) {
        return new CoGroupedStreams<>(this, other);
    }

    /** Merges this stream with others of the same type. */
    @SafeVarargs
    public final DataStream<T> union(DataStream<T>... others) {
        List<Transformation<T>> inputs = new ArrayList<>();
        inputs.add(transformation);
        for (DataStream<T> other : others) {
            if (!other.getType().equals(getType())) {
                throw new InvalidProgramException("Cannot union a stream of " + getType() + " with a stream of "
                        + other.getType() + ": union needs streams of the same type.");
            }
            inputs.add(other.transformation);
        }
        return new DataStream<>(environment, new UnionTransformation<>(inputs));
    }

    // ---------------------------------------------------------------- sinks

    public DataStreamSink<T> print() {
        return sinkTo(new PrintSink<>(null, false), "Print");
    }

    /** Prints with {@code prefix> } in front of each line. */
    public DataStreamSink<T> print(String prefix) {
        return sinkTo(new PrintSink<>(prefix, false), "Print");
    }

    public DataStreamSink<T> printToErr() {
        return sinkTo(new PrintSink<>(null, true), "Print to stderr");
    }

    /** Writes lines to {@code directory/part-<subtask>}; fails if a part file exists. */
    public DataStreamSink<T> writeAsText(String directory) {
        return writeAsText(directory, WriteMode.NO_OVERWRITE);
    }

    public DataStreamSink<T> writeAsText(String directory, WriteMode mode) {
        return sinkTo(new TextFileSink<>(directory, mode), "Text file " + directory);
    }

    public DataStreamSink<T> sinkTo(Sink<T> sink) {
        return sinkTo(sink, sink.getClass().getSimpleName());
    }

    public DataStreamSink<T> sinkTo(Sink<T> sink, String name) {
        check(sink, "sink '" + name + "'");
        return addSink(name, new Operation.SinkTo<>(sink));
    }

    /** Writes to a sink whose output becomes visible exactly once, in step with checkpoints. */
    public DataStreamSink<T> sinkTo(TwoPhaseCommitSink<T, ?> sink) {
        return sinkTo(sink, sink.getClass().getSimpleName());
    }

    public DataStreamSink<T> sinkTo(TwoPhaseCommitSink<T, ?> sink, String name) {
        check(sink, "sink '" + name + "'");
        return addSink(name, new Operation.TwoPhaseCommitSinkTo<>(sink));
    }

    private DataStreamSink<T> addSink(String name, Operation operation) {
        OneInputTransformation<T, Void> t = new OneInputTransformation<>(transformation, "Sink: " + name,
                operation, null, Transformation.DEFAULT_PARALLELISM);
        environment.addSink(t);
        return new DataStreamSink<>(t);
    }

    /**
     * Runs the program with this stream as its result and iterates over the elements as they
     * arrive. Closing the iterator early cancels the job. Embedded cluster only.
     */
    public CloseableIterator<T> executeAndCollect() throws Exception {
        return executeAndCollect("Collect");
    }

    public CloseableIterator<T> executeAndCollect(String jobName) throws Exception {
        CollectSink<T> sink = new CollectSink<>();
        sinkTo(sink, "Collect").setParallelism(1);
        JobClient client = environment.executeAsync(jobName);
        return sink.iterator(client);
    }

    /** Runs the program and returns the first {@code limit} elements, then cancels the job if it still runs. */
    public List<T> executeAndCollect(int limit) throws Exception {
        List<T> result = new ArrayList<>();
        try (CloseableIterator<T> it = executeAndCollect()) {
            while (result.size() < limit && it.hasNext()) {
                result.add(it.next());
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- helpers

    /** An output type, or why it could not be determined. */
    record TypeOrError<R>(TypeInfo<R> type, InvalidTypesException error) {}

    <R> TypeOrError<R> outputType(Function function, Class<?> base, int outputIndex, String operation) {
        return extractOutputType(function, base, outputIndex, operation, getType());
    }

    /** The output type of a function with several inputs (or a key), given in the order of its type parameters. */
    static <R> TypeOrError<R> extractOutputType(Function function, Class<?> base, int outputIndex, String operation,
            TypeInfo<?>... inputTypes) {
        try {
            return new TypeOrError<>(TypeExtractor.getOutputType(function, base, outputIndex, inputTypes), null);
        } catch (InvalidTypesException e) {
            return new TypeOrError<>(null, new InvalidTypesException("Cannot determine the output type of "
                    + operation + " at " + callSite() + ": " + e.getMessage()
                    + " Declare it with .returns(...), e.g. .returns(Types.TUPLE(Types.STRING, Types.INT)), "
                    + "or implement the function as a (anonymous) class.", e));
        }
    }

    /**
     * The key type of {@code key}, extracted from its signature, or an exception that says how to
     * declare it: by the overload of {@code operation} that takes the key type.
     */
    static <T, K> TypeInfo<K> keyType(KeySelector<T, K> key, TypeInfo<T> inputType, String operation) {
        TypeOrError<K> keyType = extractOutputType(key, KeySelector.class, 1, operation, inputType);
        if (keyType.error() != null) {
            throw new InvalidProgramException(keyType.error().getMessage().replace(".returns(...)",
                    operation + "(selector, keyType)"), keyType.error());
        }
        return keyType.type();
    }

    static <F> F check(F function, String operation) {
        if (function == null) {
            throw new NullPointerException("The function passed to " + operation + " is null");
        }
        ClosureCheck.ensureSerializable(function, operation);
        return function;
    }

    /** The first stack frame of the user's program, e.g. {@code WordCount.main(WordCount.java:42)}. */
    static String callSite() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().startsWith("io.eddy.api.datastream."))
                .findFirst()
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "."
                        + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")")
                .orElse("unknown location"));
    }
}
