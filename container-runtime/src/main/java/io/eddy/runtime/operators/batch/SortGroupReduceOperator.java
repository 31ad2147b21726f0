package io.eddy.runtime.operators.batch;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.metrics.MetricNames;
import io.eddy.runtime.operators.KeyGroupedIterator;
import io.eddy.runtime.operators.RecordIterator;
import io.eddy.runtime.operators.WholeInputOperator;
import io.eddy.runtime.operators.sort.ExternalSorter;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A group reduce: sorts its (hash-partitioned) input by key and then by the group order in an
 * {@link ExternalSorter}, and when the input ends hands each key's records to the function. Without
 * keys the whole partition is one group ({@code mapPartition}, {@code count}): taken as a whole from a
 * chained predecessor that has it at once (a sort, {@link WholeInputOperator}), else kept in arrival
 * order until the input ends, in the operator's pages while they hold it (the output of a join, say,
 * never touches the disk when it fits) and the rest in a spill file;
 * {@value MetricNames#SPILLED_BYTES} counts the bytes that went to the file.
 */
public final class SortGroupReduceOperator<IN, OUT> extends ManagedMemoryOperator<OUT>
        implements OneInputOperator<IN>, WholeInputOperator<IN> {
    private static final long serialVersionUID = 1L;

    private final GroupReduceFunction<IN, OUT> function;
    private final TypeInfo<IN> type;
    private final KeyFields keys;
    private final KeyFields order;
    private final boolean[] orderAscending;
    private transient ExternalSorter<IN> sorter;
    private transient SpilledRecords<IN> partition;
    private transient TypeComparator<IN> groupComparator;
    private transient Collector<OUT> emitter;
    /** Whether the partition came as a whole ({@link #processWholeInput}) and the function has run. */
    private transient boolean reducedWholeInput;

    public SortGroupReduceOperator(GroupReduceFunction<IN, OUT> function, TypeInfo<IN> type, KeyFields keys,
            KeyFields order, boolean[] orderAscending, double memoryShare) {
        super(memoryShare);
        this.function = function;
        this.type = type;
        this.keys = keys;
        this.order = order;
        this.orderAscending = orderAscending;
    }

    @Override
    public void open() throws Exception {
        super.open();
        TypeSerializer<IN> serializer = type.createSerializer(context.getExecutionConfig().getSerializerConfig());
        emitter = this::emit;
        if (keys == null) {
            partition = new SpilledRecords<>(serializer, resources, freePages().pop(), freePages());
            return;
        }
        groupComparator = comparator(type, keys, null);
        TypeComparator<IN> sortComparator = groupComparator;
        if (order != null) {
            boolean[] ascending = new boolean[keys.size() + order.size()];
            java.util.Arrays.fill(ascending, 0, keys.size(), true);
            System.arraycopy(orderAscending, 0, ascending, keys.size(), order.size());
            sortComparator = comparator(type, keys.then(order), ascending);
        }
        sorter = new ExternalSorter<>(serializer, sortComparator, freePages(), resources.getIOManager(), resources);
    }

    @Override
    public void processElement(IN value, long timestamp) throws Exception {
        if (sorter != null) {
            sorter.add(value);
        } else {
            partition.add(value);
        }
    }

    @Override
    public boolean takesWholeInput() {
        return keys == null;
    }

    @Override
    public void processWholeInput(RecordIterator<IN> input) throws Exception {
        if (!takesWholeInput() || reducedWholeInput || partition.size() > 0) {
            throw new IllegalStateException("'" + context.getTaskName() + "' takes its partition either record by record"
                    + " or once as a whole, and only without keys");
        }
        reducedWholeInput = true;
        function.reduce(new OnePass<>(input), emitter);
    }

    @Override
    protected void emitResults() throws Exception {
        if (sorter == null) {
            if (!reducedWholeInput) {
                RecordIterator<IN> records = partition.read();
                context.getMetricGroup().counter(MetricNames.SPILLED_BYTES).inc(partition.bytesInFile());
                function.reduce(new OnePass<>(records), emitter);
            }
            return;
        }
        KeyGroupedIterator<IN> groups = new KeyGroupedIterator<>(sorter.sorted(), groupComparator);
        while (groups.nextKey()) {
            function.reduce(groups.values(), emitter);
        }
    }

    @Override
    protected Object userFunction() {
        return function;
    }

    @Override
    protected void closeStructures() {
        if (sorter != null) {
            sorter.close();
            sorter = null;
        }
        if (partition != null) {
            partition.close();
            partition = null;
        }
    }

    /** The records of a {@link RecordIterator} as an iterable that can be iterated once; records are reused. */
    private static final class OnePass<T> implements Iterable<T>, Iterator<T> {
        private final RecordIterator<T> input;
        private T reuse;
        private T next;
        private boolean iterated;

        OnePass(RecordIterator<T> input) {
            this.input = input;
        }

        @Override
        public Iterator<T> iterator() {
            if (iterated) {
                throw new IllegalStateException("The records of a partition can be iterated once only");
            }
            iterated = true;
            return this;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    next = input.next(reuse);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return next != null;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T result = next;
            reuse = next;
            next = null;
            return result;
        }
    }
}
