package io.eddy.api.dataset;

import io.eddy.api.connector.format.OutputFormat;
import io.eddy.api.connector.sink.WriteMode;
import io.eddy.api.datastream.CloseableIterator;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.Partitioner;
import io.eddy.api.transformations.IterationHeadTransformation;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.transformations.OneInputTransformation;
import io.eddy.api.transformations.Operation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.transformations.TwoInputTransformation;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded collection of records and the transformations that make it. Record-at-a-time operations
 * ({@code map}, {@code filter}, ...) are the stream operations on a bounded input; grouping, joining
 * and sorting run batch operators that sort or hash in managed memory, spill to disk beyond it, and
 * emit their results when their input ends.
 */
public class DataSet<T> {
    final ExecutionEnvironment environment;
    final DataStream<T> stream;

    DataSet(ExecutionEnvironment environment, DataStream<T> stream) {
        this.environment = environment;
        this.stream = stream;
    }

    public TypeInfo<T> getType() {
        return stream.getType();
    }

    public ExecutionEnvironment getExecutionEnvironment() {
        return environment;
    }

    /** Declares the type of this DataSet when it could not be extracted from a lambda. */
    public DataSet<T> returns(TypeInfo<T> type) {
        stream.getTransformation().setOutputType(type);
        return this;
    }

    public DataSet<T> setParallelism(int parallelism) {
        stream.getTransformation().setParallelism(parallelism);
        return this;
    }

    public DataSet<T> name(String name) {
        stream.getTransformation().setName(name);
        return this;
    }

    // ---------------------------------------------------------------- record at a time

    public <R> DataSet<R> map(MapFunction<T, R> mapper) {
        return new DataSet<>(environment, stream.map(mapper));
    }

    public <R> DataSet<R> flatMap(FlatMapFunction<T, R> flatMapper) {
        return new DataSet<>(environment, stream.flatMap(flatMapper));
    }

    public DataSet<T> filter(FilterFunction<T> filter) {
        return new DataSet<>(environment, stream.filter(filter));
    }

    /** Hands each parallel partition as a whole to {@code function} (once its input ended). */
    public <R> DataSet<R> mapPartition(GroupReduceFunction<T, R> function) {
        return apply(this, "MapPartition", outputType(function, GroupReduceFunction.class, getType()),
                new Operation.SortGroupReduce<>(function, getType(), null, null, null));
    }

    @SafeVarargs
    public final DataSet<T> union(DataSet<T>... others) {
        @SuppressWarnings("unchecked")
        DataStream<T>[] streams = new DataStream[others.length];
        for (int i = 0; i < others.length; i++) {
            streams[i] = others[i].stream;
        }
        return new DataSet<>(environment, stream.union(streams));
    }

    // ---------------------------------------------------------------- keys

    /** Groups by tuple fields, e.g. {@code groupBy(0)}. */
    public Grouping<T> groupBy(int... positions) {
        return new Grouping<>(this, KeyFields.of(positions));
    }

    /** Groups by fields of a POJO or record (or {@code "f0"} ... of a tuple). */
    public Grouping<T> groupBy(String... fields) {
        return new Grouping<>(this, KeyFields.of(fields));
    }

    /** Groups by the key that {@code selector} extracts (a boolean, number, char or String). */
    public <K> SelectorGrouping<T, K> groupBy(io.eddy.api.functions.KeySelector<T, K> selector) {
        return SelectorGrouping.of(this, selector);
    }

    /** Records with equal values of the fields go to the same parallel partition. */
    public DataSet<T> partitionByHash(int... positions) {
        return hashPartitioned(KeyFields.of(positions));
    }

    public DataSet<T> partitionByHash(String... fields) {
        return hashPartitioned(KeyFields.of(fields));
    }

    /**
     * Records go to partitions by ranges of the key: every key of partition i is at most every key of
     * partition i + 1, and equal keys share a partition. The ranges come from a sample of the keys taken
     * in a first pass (so the input is read once into the sampler and kept in a spill file until the
     * boundaries are known). Followed by {@code sortPartition} on the same fields, the partitions in order
     * are one total order. Keys must be Comparable: numbers, strings, booleans, characters.
     */
    public DataSet<T> partitionByRange(int... positions) {
        return RangePartitioning.partition(this, KeyFields.of(positions));
    }

    public DataSet<T> partitionByRange(String... fields) {
        return RangePartitioning.partition(this, KeyFields.of(fields));
    }

    /**
     * Records go to the partition {@code partitioner} picks for field {@code position}: e.g. a range
     * partitioning by known boundaries, so that sorted partitions concatenate to a global order.
     */
    public DataSet<T> partitionCustom(Partitioner<Object> partitioner, int position) {
        return new DataSet<>(environment, stream.partitionCustom(partitioner, position));
    }

    /** This DataSet hash-partitioned on {@code keys} (null: on the whole record). */
    DataSet<T> hashPartitioned(KeyFields keys) {
        return partitioned(new KeyHashPartitioner<>(getType(), keys));
    }

    DataSet<T> partitioned(io.eddy.api.partitioning.StreamPartitioner<T> partitioner) {
        return new DataSet<>(environment, new DataStream<>(environment.streams(),
                new io.eddy.api.transformations.PartitionTransformation<>(stream.getTransformation(), partitioner)));
    }

    /** Sorts each parallel partition by the field; chain another {@code sortPartition} for more fields. */
    public DataSet<T> sortPartition(int position, Order order) {
        return sortPartition(KeyFields.of(position), order);
    }

    public DataSet<T> sortPartition(String field, Order order) {
        return sortPartition(KeyFields.of(field), order);
    }

    private DataSet<T> sortPartition(KeyFields field, Order order) {
        Transformation<T> t = stream.getTransformation();
        if (t instanceof OneInputTransformation<?, ?> one && one.getOperation() instanceof Operation.SortPartition<?> previous) {
            // a further field of the same sort: one sort by all fields, the earlier ones first
            boolean[] ascending = java.util.Arrays.copyOf(previous.ascending(), previous.ascending().length + 1);
            ascending[ascending.length - 1] = order == Order.ASCENDING;
            @SuppressWarnings("unchecked")
            DataSet<T> input = new DataSet<>(environment, new DataStream<>(environment.streams(),
                    (Transformation<T>) one.getInput()));
            return apply(input, "SortPartition", getType(),
                    new Operation.SortPartition<>(getType(), previous.order().then(field), ascending));
        }
        return apply(this, "SortPartition", getType(),
                new Operation.SortPartition<>(getType(), field, new boolean[] {order == Order.ASCENDING}));
    }

    /** Keeps one of each set of equal records. */
    public DataSet<T> distinct() {
        return new Grouping<>(this, null).reduce(new FirstOfEqual<>());
    }

    /** Keeps one record of each set of records with equal values of the fields. */
    public DataSet<T> distinct(int... positions) {
        return groupBy(positions).reduce(new FirstOfEqual<>());
    }

    public DataSet<T> distinct(String... fields) {
        return groupBy(fields).reduce(new FirstOfEqual<>());
    }

    // ---------------------------------------------------------------- whole DataSet

    /**
     * One record: all records combined pairwise by {@code reducer} (each subtask reduces its part, then one
     * subtask reduces the partial results). Empty when this DataSet is.
     */
    public DataSet<T> reduce(io.eddy.api.functions.ReduceFunction<T> reducer) {
        ReduceAll<T> all = new ReduceAll<>(reducer, serializer());
        DataSet<T> partial = apply(this, "Reduce (partial)", getType(),
                new Operation.SortGroupReduce<>(all, getType(), null, null, null));
        return apply(partial, "Reduce", getType(), new Operation.SortGroupReduce<>(all, getType(), null, null, null))
                .setParallelism(1);
    }

    /** Hands all records, in one subtask, to {@code function}. */
    public <R> DataSet<R> reduceGroup(GroupReduceFunction<T, R> function) {
        DataSet<R> all = apply(this, "GroupReduce", outputType(function, GroupReduceFunction.class, getType()),
                new Operation.SortGroupReduce<>(function, getType(), null, null, null));
        return all.setParallelism(1);
    }

    /** Sum of field {@code position} over all records; the other fields are those of one record. */
    public DataSet<T> sum(int position) {
        return aggregate(Aggregations.SUM, position);
    }

    public DataSet<T> min(int position) {
        return aggregate(Aggregations.MIN, position);
    }

    public DataSet<T> max(int position) {
        return aggregate(Aggregations.MAX, position);
    }

    public DataSet<T> aggregate(Aggregations aggregation, int position) {
        return reduce(io.eddy.api.functions.FieldAggregator.at(aggregation.kind, getType(), position, serializer()));
    }

    public DataSet<T> aggregate(Aggregations aggregation, String field) {
        return reduce(io.eddy.api.functions.FieldAggregator.named(aggregation.kind, getType(), field, serializer()));
    }

    /** Some {@code n} records of this DataSet (the first {@code n} of each subtask's part, then of those). */
    public DataSet<T> first(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("first(n) needs n >= 1, not " + n);
        }
        DataSet<T> partial = apply(this, "First (partial)", getType(),
                new Operation.SortGroupReduce<>(new Grouping.FirstN<>(n), getType(), null, null, null));
        return apply(partial, "First", getType(),
                new Operation.SortGroupReduce<>(new Grouping.FirstN<>(n), getType(), null, null, null)).setParallelism(1);
    }

    // ---------------------------------------------------------------- iterations and broadcast sets

    /**
     * Starts a bulk iteration of at most {@code maxIterations} supersteps with this data set as the
     * initial partial solution; see {@link IterativeDataSet}.
     */
    public IterativeDataSet<T> iterate(int maxIterations) {
        IterationHeadTransformation<T> head = new IterationHeadTransformation<>(IterationHeadTransformation.Kind.BULK,
                stream.getTransformation(), null, null, maxIterations, getType(), getType(),
                Transformation.DEFAULT_PARALLELISM);
        return new IterativeDataSet<>(environment, head);
    }

    /**
     * Starts a delta iteration with this data set as the initial solution set, keyed by the tuple fields
     * {@code keyPositions}, and {@code initialWorkset} as the first workset; see {@link DeltaIteration}.
     */
    public <W> DeltaIteration<T, W> iterateDelta(DataSet<W> initialWorkset, int maxIterations, int... keyPositions) {
        if (keyPositions == null || keyPositions.length == 0) {
            throw new IllegalArgumentException("iterateDelta needs the key of the solution set: the positions of its "
                    + "key fields, e.g. iterateDelta(workset, maxIterations, 0)");
        }
        int arity = getType().isCompositeType() ? getType().getArity() : 0;
        for (int position : keyPositions) {
            if (position < 0 || position >= arity) {
                throw new IllegalArgumentException("iterateDelta key position " + position + " is out of range: the "
                        + "solution set's type " + getType() + (arity == 0 ? " has no fields" : " has fields 0 to " + (arity - 1))
                        + ". Give positions of the solution set's key fields.");
            }
        }
        return new DeltaIteration<>(environment, this, initialWorkset, KeyFields.of(keyPositions), maxIterations);
    }

    /**
     * A delta iteration whose solution set, this data set, is keyed by {@code solutionSetKey}: at most
     * one record per key, and a solution set delta replaces the record of its key. Joins with the
     * solution set name its key with a KeySelector of the same key type. The key must be a type the
     * runtime compares: a boolean, number, char, String or a tuple of them.
     */
    public <W, K> DeltaIteration<T, W> iterateDelta(DataSet<W> initialWorkset, int maxIterations,
            io.eddy.api.functions.KeySelector<T, K> solutionSetKey) {
        SelectorKey<T, K> key = SelectorKey.of(solutionSetKey, getType(), "iterateDelta(workset, maxIterations, keySelector)");
        return new DeltaIteration<>(environment, this, initialWorkset, key, maxIterations);
    }

    /**
     * Gives this operation (a map, join, reduce, ...) the broadcast set {@code set}: each of its
     * subtasks reads all of {@code set}'s records with {@code getRuntimeContext().getBroadcastVariable(name)}
     * before it processes its input. Inside an iteration, a broadcast of a data set of the step
     * function gives that data set's records of the current superstep.
     */
    public DataSet<T> withBroadcastSet(DataSet<?> set, String name) {
        Transformation<T> t = stream.getTransformation();
        if (!(t instanceof OneInputTransformation<?, ?>) && !(t instanceof TwoInputTransformation<?, ?, ?>)) {
            throw new IllegalArgumentException("withBroadcastSet(set, \"" + name + "\") is called on '" + t.getName()
                    + "', which runs no function of yours: call it on the map, flatMap, filter, reduce, join, coGroup "
                    + "or cross whose function reads the broadcast variable.");
        }
        t.addBroadcastInput(name, set.stream.getTransformation());
        return this;
    }

    // ---------------------------------------------------------------- two inputs

    public <R> Join.Unkeyed<T, R> join(DataSet<R> other) {
        return new Join.Unkeyed<>(this, other, Operation.JoinKind.INNER, JoinHint.OPTIMIZER_CHOOSES);
    }

    public <R> Join.Unkeyed<T, R> join(DataSet<R> other, JoinHint hint) {
        return new Join.Unkeyed<>(this, other, Operation.JoinKind.INNER, hint);
    }

    public <R> Join.Unkeyed<T, R> leftOuterJoin(DataSet<R> other) {
        return new Join.Unkeyed<>(this, other, Operation.JoinKind.LEFT_OUTER, JoinHint.OPTIMIZER_CHOOSES);
    }

    public <R> Join.Unkeyed<T, R> leftOuterJoin(DataSet<R> other, JoinHint hint) {
        return new Join.Unkeyed<>(this, other, Operation.JoinKind.LEFT_OUTER, hint);
    }

    public <R> Join.Unkeyed<T, R> rightOuterJoin(DataSet<R> other, JoinHint hint) {
        return new Join.Unkeyed<>(this, other, Operation.JoinKind.RIGHT_OUTER, hint);
    }

    public <R> Join.Unkeyed<T, R> fullOuterJoin(DataSet<R> other, JoinHint hint) {
        return new Join.Unkeyed<>(this, other, Operation.JoinKind.FULL_OUTER, hint);
    }

    public <R> Join.Unkeyed<T, R> rightOuterJoin(DataSet<R> other) {
        return new Join.Unkeyed<>(this, other, Operation.JoinKind.RIGHT_OUTER, JoinHint.OPTIMIZER_CHOOSES);
    }

    public <R> Join.Unkeyed<T, R> fullOuterJoin(DataSet<R> other) {
        return new Join.Unkeyed<>(this, other, Operation.JoinKind.FULL_OUTER, JoinHint.OPTIMIZER_CHOOSES);
    }

    public <R> CoGroup<T, R> coGroup(DataSet<R> other) {
        return new CoGroup<>(this, other);
    }

    /** Every pair of a record of this DataSet and one of {@code other} (the small side, sent to every subtask). */
    public <R> Cross<T, R> cross(DataSet<R> other) {
        return new Cross<>(this, other);
    }

    // ---------------------------------------------------------------- sinks and actions

    /** Runs the program and returns every record of this DataSet. Embedded cluster only. */
    public List<T> collect() throws Exception {
        List<T> result = new ArrayList<>();
        try (CloseableIterator<T> it = stream.executeAndCollect("DataSet collect")) {
            while (it.hasNext()) {
                result.add(it.next());
            }
        }
        return result;
    }

    /** Runs the program and returns the number of records of this DataSet. */
    public long count() throws Exception {
        DataSet<Long> counts = apply(this, "Count", Types.LONG,
                new Operation.SortGroupReduce<T, Long>(new CountRecords<>(), getType(), null, null, null));
        long total = 0;
        for (long c : counts.collect()) {
            total += c;
        }
        return total;
    }

    /** Runs the program and prints every record to standard output. */
    public void print() throws Exception {
        for (T record : collect()) {
            System.out.println(record);
        }
    }

    /**
     * Writes the records as lines of text, one file per parallel subtask under {@code directory}; fails
     * the job naming the file when one exists already ({@link WriteMode#NO_OVERWRITE}).
     */
    public void writeAsText(String directory) {
        writeAsText(directory, WriteMode.NO_OVERWRITE);
    }

    /** As {@link #writeAsText(String)}; with {@link WriteMode#OVERWRITE} existing files are replaced. */
    public void writeAsText(String directory, WriteMode mode) {
        stream.writeAsText(directory, mode);
    }

    /**
     * Writes tuples as CSV lines (fields separated by {@code delimiter}; a field holding the delimiter,
     * a quote or a line break is enclosed in double quotes), one file per parallel subtask.
     */
    public void writeAsCsv(String directory, char delimiter, WriteMode mode) {
        if (!io.eddy.api.tuple.Tuple.class.isAssignableFrom(getType().getTypeClass())) {
            throw new IllegalArgumentException("writeAsCsv writes tuples, but this DataSet holds " + getType()
                    + ": map the records to tuples first, or use writeAsText");
        }
        stream.map(new CsvLine<>(delimiter), Types.STRING).writeAsText(directory, mode);
    }

    public void writeAsCsv(String directory, char delimiter) {
        writeAsCsv(directory, delimiter, WriteMode.NO_OVERWRITE);
    }

    public void writeAsCsv(String directory, WriteMode mode) {
        writeAsCsv(directory, ',', mode);
    }

    public void writeAsCsv(String directory) {
        writeAsCsv(directory, ',', WriteMode.NO_OVERWRITE);
    }

    /** Writes the records through {@code format}, one copy of it per parallel subtask (see {@link OutputFormat}). */
    public void output(OutputFormat<T> format) {
        stream.sinkTo(new OutputFormatSink<>(format), format.getClass().getSimpleName());
    }

    private record CsvLine<T>(char delimiter) implements MapFunction<T, String> {
        @Override
        public String map(T record) {
            io.eddy.api.tuple.Tuple tuple = (io.eddy.api.tuple.Tuple) record;
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < tuple.getArity(); i++) {
                if (i > 0) {
                    line.append(delimiter);
                }
                String field = String.valueOf((Object) tuple.getField(i));
                if (field.indexOf(delimiter) >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0) {
                    line.append('"').append(field.replace("\"", "\"\"")).append('"');
                } else {
                    line.append(field);
                }
            }
            return line.toString();
        }
    }

    private static final class FirstOfEqual<T> implements io.eddy.api.functions.ReduceFunction<T> {
        @Override
        public T reduce(T first, T second) {
            return first;
        }
    }

    /**
     * The records of a group reduced to one, or none for an empty group. The group's iterator reuses its
     * record object, so the running result is a copy whenever it would be that object.
     */
    private record ReduceAll<T>(io.eddy.api.functions.ReduceFunction<T> reducer,
            io.eddy.api.types.serializers.TypeSerializer<T> serializer) implements GroupReduceFunction<T, T> {
        @Override
        public void reduce(Iterable<T> values, io.eddy.api.functions.Collector<T> out) throws Exception {
            T result = null;
            for (T value : values) {
                result = result == null ? value : reducer.reduce(result, value);
                if (result == value) {
                    result = serializer.copy(value);
                }
            }
            if (result != null) {
                out.collect(result);
            }
        }
    }

    private static final class CountRecords<T> implements GroupReduceFunction<T, Long> {
        @Override
        public void reduce(Iterable<T> values, io.eddy.api.functions.Collector<Long> out) {
            long n = 0;
            for (T ignored : values) {
                n++;
            }
            out.collect(n);
        }
    }

    // ---------------------------------------------------------------- helpers

    private io.eddy.api.types.serializers.TypeSerializer<T> serializer() {
        return getType().createSerializer(environment.streams().getConfig().getSerializerConfig());
    }

    static <IN, R> DataSet<R> apply(DataSet<IN> input, String name, TypeInfo<R> outputType, Operation operation) {
        OneInputTransformation<IN, R> t = new OneInputTransformation<>(input.stream.getTransformation(), name,
                operation, outputType, Transformation.DEFAULT_PARALLELISM);
        return new DataSet<>(input.environment, new DataStream<>(input.environment.streams(), t));
    }

    /** The output type of {@code function} (its last type parameter), or null: then {@code returns(...)} must give it. */
    static <R> TypeInfo<R> outputType(Object function, Class<?> base, TypeInfo<?>... inputTypes) {
        try {
            return TypeExtractor.getOutputType(function, base, inputTypes.length, inputTypes);
        } catch (InvalidTypesException e) {
            return null;
        }
    }
}
