package io.eddy.runtime.operators.sortedinput;

import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.OperatorContext;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.operators.TwoInputOperator;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.io.TaskManagedResources;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.operators.RecordIterator;
import io.eddy.runtime.operators.RuntimeOperatorContext;
import io.eddy.runtime.operators.sort.ExternalSorter;
import io.eddy.runtime.operators.sort.SortCombiner;
import io.eddy.runtime.state.CheckpointableKeyedStateBackend;

/**
 * Runs a keyed operator in BATCH mode: on its input sorted by key, one key at a time, so that its
 * keyed state and timers only ever hold the current key.
 *
 * <h2>Model</h2>
 * <ol>
 *   <li>While the input arrives, each record of a sorted input is serialized with its key's bytes
 *       and timestamp into an {@link ExternalSorter} (managed memory, spilling to {@code io.tmp.dirs}
 *       beyond it); the wrapped operator sees nothing yet. Watermarks are dropped: in BATCH mode
 *       event time only ends. An input that is not keyed (the broadcast side of a keyed broadcast
 *       operator) goes to the operator at once, so it is complete before the first key.
 *   <li>When the input ends, the records come back grouped by key, and within a key in timestamp
 *       order (equal timestamps: the first input first; within one input unspecified). For each key the
 *       operator gets the key's records with the key current; then, in this order, it hears
 *       {@link EndOfKeyListener#endOfKey()} (if it listens), its timers of that key fire (event time
 *       as at watermark +infinity, then processing time, see
 *       {@link RuntimeOperatorContext#fireTimersOfCurrentKey()}), and the key's state is dropped.
 *   <li>After the last key the operator gets the final watermark (+infinity) and its end of input.
 * </ol>
 * With a combiner (a keyed reduce) records are first reduced by key in a bounded heap table
 * ({@link PartialResults}), whose partial results go to the sorter when it is full and at the end;
 * they are sorted by key only and reduced again whenever the sorter spills. So few keys never sort
 * more than one record each, and many keys sort about one record per key and spill.
 *
 * <p>No checkpoints are taken in BATCH mode, so the sorter is never part of a snapshot.
 *
 * <p>Threading: the task thread calls every method. The sorter's spill files belong to this
 * operator and are deleted in {@link #close()}; the task deletes what is left after a failure.
 */
public abstract class SortedInputOperator<OUT> extends StreamOperator<OUT> {
    private static final long serialVersionUID = 1L;
    /** Normalized key bytes kept per record: a key of up to 23 bytes with its timestamp decides the order alone. */
    private static final int MAX_KEY_BYTES = 32;

    private final StreamOperator<OUT> operator;
    private final double memoryShare;
    /** The serializer of each input's records; null for an input that is not keyed, and so not sorted. */
    private final TypeSerializer<Object>[] inputs;
    /** Reduces the records of one key before and while sorting; null for none (then a key's records come in timestamp order). */
    private final ReduceFunction<Object> combiner;

    private transient RuntimeOperatorContext runtime;
    private transient CheckpointableKeyedStateBackend<Object> backend;
    private transient TypeSerializer<Object> keySerializer;
    private transient TaskManagedResources resources;
    /** The operator's reserved share of the slot's managed memory, drawn as the sort fills. */
    private transient FreePages pages;
    private transient ExternalSorter<KeyedRecord> sorter;
    /** The record being added; its key points into {@link #keyBytes}. */
    private transient KeyedRecord adding;
    private transient SegmentOutputView keyBytes;
    /** With a combiner: the running results by key before they are sorted; else null. */
    private transient PartialResults partials;

    SortedInputOperator(StreamOperator<OUT> operator, double memoryShare, TypeSerializer<Object>[] inputs,
            ReduceFunction<Object> combiner) {
        this.operator = operator;
        this.memoryShare = memoryShare;
        this.inputs = inputs;
        this.combiner = combiner;
    }

    /** The keyed one-input {@code operator} on its input sorted by key; {@code combiner} reduces while sorting (or null). */
    @SuppressWarnings("unchecked")
    public static <IN, OUT> StreamOperator<OUT> oneInput(StreamOperator<OUT> operator, TypeSerializer<IN> input,
            double memoryShare, ReduceFunction<IN> combiner) {
        return new OneInput<>(operator, memoryShare, new TypeSerializer[] {input}, (ReduceFunction<Object>) combiner);
    }

    /**
     * The keyed two-input {@code operator} on its inputs sorted by key; {@code second} is null when the
     * second input is not keyed (a broadcast input), which then reaches the operator as it arrives.
     */
    @SuppressWarnings("unchecked")
    public static <IN1, IN2, OUT> StreamOperator<OUT> twoInput(StreamOperator<OUT> operator, TypeSerializer<IN1> first,
            TypeSerializer<IN2> second, double memoryShare) {
        return new TwoInput<>(operator, memoryShare, new TypeSerializer[] {first, second});
    }

    @Override
    public void setup(OperatorContext context, Output<OUT> output) {
        super.setup(context, output);
        operator.setup(context, output);
        runtime = (RuntimeOperatorContext) context;
        runtime.deferTimersToEndOfKey();
    }

    @Override
    public void open() throws Exception {
        backend = (CheckpointableKeyedStateBackend<Object>) runtime.<Object>getKeyedStateBackend();
        keySerializer = backend.getKeySerializer().duplicate();
        keyBytes = new SegmentOutputView(32);
        adding = new KeyedRecord();
        resources = runtime.getManagedResources();
        pages = resources.reserveShare(memoryShare);
        int keyLength = keySerializer.getLength();
        sorter = new ExternalSorter<>(new KeyedRecordSerializer(inputs), new KeyedRecordComparator(keyLength,
                combiner == null), pages, resources.getIOManager(), resources, combiner == null ? null : combining(),
                MAX_KEY_BYTES, ExternalSorter.DEFAULT_MAX_FAN_IN);
        if (combiner != null) {
            partials = new PartialResults(combiner);
        }
        operator.open();
    }

    /** Sorts a record of input {@code input}, with the key the task made current for it. */
    final void add(int input, Object value, long timestamp) throws Exception {
        keyBytes.clear();
        keySerializer.serialize(backend.getCurrentKey(), keyBytes);
        byte[] key = keyBytes.getSharedBuffer();
        int length = keyBytes.length();
        if (partials == null) {
            sort(key, length, input, value, timestamp);
        } else if (!partials.add(key, length, value, timestamp)) {
            drainPartials();
            partials.add(key, length, value, timestamp);
        }
    }

    private void drainPartials() throws Exception {
        partials.drainTo((key, value, timestamp) -> sort(key, key.length, 0, value, timestamp));
    }

    private void sort(byte[] key, int length, int input, Object value, long timestamp) throws Exception {
        adding.referKey(key, length);
        adding.timestamp = timestamp;
        adding.input = input;
        adding.value = value;
        sorter.add(adding);
    }

    /** Hands one sorted record to the operator, with its key current. */
    abstract void process(int input, Object value, long timestamp) throws Exception;

    @Override
    public void processWatermark(long watermark) {
        // event time ends when the input does: the operator gets +infinity per key and at the end
    }

    @Override
    public void processWatermarkStatus(boolean idle) {
        // no idleness in a bounded input
    }

    @Override
    public void endInput() throws Exception {
        if (partials != null) {
            drainPartials();
            partials = null;
        }
        RecordIterator<KeyedRecord> sorted = sorter.sorted();
        KeyedRecord current = new KeyedRecord();
        KeyedRecord record = new KeyedRecord();
        SegmentInputView keyView = new SegmentInputView();
        boolean anyKey = false;
        while ((record = sorted.next(record)) != null) {
            if (!anyKey || !record.hasKey(current.key, current.keyLength)) {
                if (anyKey) {
                    endKey();
                }
                anyKey = true;
                current.copyKey(record.key, record.keyLength);
                keyView.setBuffer(current.key, 0, current.keyLength);
                backend.setCurrentKey(keySerializer.deserialize(keyView));
            }
            process(record.input, record.value, record.timestamp);
        }
        if (anyKey) {
            endKey();
        }
        releaseSorter();
        operator.processWatermark(Long.MAX_VALUE);
        operator.endInput();
    }

    private void endKey() throws Exception {
        if (operator instanceof EndOfKeyListener listener) {
            listener.endOfKey();
        }
        runtime.fireTimersOfCurrentKey();
        runtime.clearStateOfCurrentKey();
    }

    /** Reduces the records of one key group into one, with the latest timestamp; they all come from input 0. */
    private SortCombiner<KeyedRecord> combining() {
        TypeSerializer<Object> values = inputs[0].duplicate();
        KeyedRecord combined = new KeyedRecord();
        return (group, out) -> {
            Object result = null;
            long timestamp = Long.MIN_VALUE;
            for (KeyedRecord record : group) {
                if (result == null) {
                    combined.copyKey(record.key, record.keyLength);
                    result = values.copy(record.value);
                } else {
                    result = combiner.reduce(result, record.value);
                    if (result == record.value) {
                        result = values.copy(result); // the group's records are reused instances
                    }
                }
                timestamp = Math.max(timestamp, record.timestamp);
            }
            combined.timestamp = timestamp;
            combined.input = 0;
            combined.value = result;
            out.collect(combined);
        };
    }

    private void releaseSorter() {
        if (sorter != null) {
            sorter.close();
            sorter = null;
        }
        if (pages != null) {
            pages.close();
            pages = null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            operator.close();
        } finally {
            releaseSorter();
        }
    }

    /** A keyed one-input operator on sorted input. */
    static final class OneInput<IN, OUT> extends SortedInputOperator<OUT> implements OneInputOperator<IN> {
        private static final long serialVersionUID = 1L;

        private final OneInputOperator<IN> target;

        @SuppressWarnings("unchecked")
        OneInput(StreamOperator<OUT> operator, double memoryShare, TypeSerializer<Object>[] inputs,
                ReduceFunction<Object> combiner) {
            super(operator, memoryShare, inputs, combiner);
            this.target = (OneInputOperator<IN>) operator;
        }

        @Override
        public void processElement(IN value, long timestamp) throws Exception {
            add(0, value, timestamp);
        }

        @Override
        @SuppressWarnings("unchecked")
        void process(int input, Object value, long timestamp) throws Exception {
            target.processElement((IN) value, timestamp);
        }
    }

    /** A keyed two-input operator on sorted inputs; an input without key passes straight through. */
    static final class TwoInput<IN1, IN2, OUT> extends SortedInputOperator<OUT> implements TwoInputOperator<IN1, IN2> {
        private static final long serialVersionUID = 1L;

        private final TwoInputOperator<IN1, IN2> target;
        private final boolean secondSorted;

        @SuppressWarnings("unchecked")
        TwoInput(StreamOperator<OUT> operator, double memoryShare, TypeSerializer<Object>[] inputs) {
            super(operator, memoryShare, inputs, null);
            this.target = (TwoInputOperator<IN1, IN2>) operator;
            this.secondSorted = inputs[1] != null;
        }

        @Override
        public void processElement1(IN1 value, long timestamp) throws Exception {
            add(0, value, timestamp);
        }

        @Override
        public void processElement2(IN2 value, long timestamp) throws Exception {
            if (secondSorted) {
                add(1, value, timestamp);
            } else {
                target.processElement2(value, timestamp);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        void process(int input, Object value, long timestamp) throws Exception {
            if (input == 0) {
                target.processElement1((IN1) value, timestamp);
            } else {
                target.processElement2((IN2) value, timestamp);
            }
        }
    }
}
