package io.eddy.runtime.operators.batch;

import io.eddy.api.functions.Collector;
import io.eddy.api.metrics.Counter;
import io.eddy.api.operators.TwoInputOperator;
import io.eddy.api.transformations.Operation;
import io.eddy.api.types.comparators.KeyComparison;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.metrics.MetricNames;
import io.eddy.runtime.operators.KeyGroupedIterator;
import io.eddy.runtime.operators.RecordIterator;
import io.eddy.runtime.operators.sort.ExternalSorter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A co-group, or a sort-merge join, of two hash-partitioned inputs: each input goes into its own
 * {@link ExternalSorter} (half of the operator's pages each) as it arrives; when both ended, the two
 * sorted streams are merged key group by key group. A co-group function gets both groups of a key as
 * one-pass iterables. A join copies the left group of a key to the heap and pairs each right record
 * with it, so one key's left records must fit in the heap (the sorted data need not).
 * {@value MetricNames#INPUT_SORTS} counts the inputs sorted.
 *
 * <p>In an iteration's step function with a static input (from outside the iteration), that input is
 * sorted in the first superstep only ({@link KeepsStaticInput}): its sorter is kept with its result,
 * all of its half of the pages: a sort that fit is read in place from them, one that spilled is merged
 * again from its sorted runs ({@link ExternalSorter#sortedAgain}), and every later superstep's instance
 * merges the other input, sorted in the other half, with it. The kept sorter and both halves go from
 * instance to instance. {@value MetricNames#SPILLED_BYTES} counts the bytes the sorts spilled.
 *
 * <p>Threading: the task thread calls every method.
 */
public final class SortMergeCoGroupOperator<L, R, OUT> extends ManagedMemoryOperator<OUT>
        implements TwoInputOperator<L, R>, KeepsStaticInput {
    private static final long serialVersionUID = 1L;

    private final Operation.SortMergeCoGroup<L, R, OUT> spec;
    /** Per logical input: its comparator, serializer, pages, and sorter (for the kept input: sorted in the first superstep). */
    private transient TypeComparator<Object>[] comparators;
    private transient TypeSerializer<Object>[] serializers;
    private transient FreePages[] budgets;
    private transient ExternalSorter<Object>[] sorters;
    /** The static input kept sorted across supersteps, -1 for none. */
    private transient int keptInput;
    /** Whether the sorter of {@link #keptInput} was sorted, by this instance or an earlier superstep's. */
    private transient boolean keptIsSorted;
    /** What the previous superstep's instance handed over ({@link #resume}), until {@link #open()}. */
    private transient KeptSortedInput resumed;
    private transient Counter sorts;
    private transient Counter spilledBytes;
    private transient Collector<OUT> emitter;

    public SortMergeCoGroupOperator(Operation.SortMergeCoGroup<L, R, OUT> spec, double memoryShare) {
        super(memoryShare);
        this.spec = spec;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void open() throws Exception {
        super.open();
        var config = context.getExecutionConfig().getSerializerConfig();
        comparators = new TypeComparator[] {comparator(spec.leftType(), spec.leftKeys(), null),
                comparator(spec.rightType(), spec.rightKeys(), null)};
        KeyComparison.checkCompatible(comparators[0], comparators[1]);
        serializers = new TypeSerializer[] {spec.leftType().createSerializer(config), spec.rightType().createSerializer(config)};
        sorts = context.getMetricGroup().counter(MetricNames.INPUT_SORTS);
        spilledBytes = context.getMetricGroup().counter(MetricNames.SPILLED_BYTES);
        emitter = this::emit;
        sorters = new ExternalSorter[2];
        keptInput = -1;
        keptIsSorted = false;
        if (resumed != null) {
            keptInput = resumed.input();
            sorters[keptInput] = resumed.sorter();
            keptIsSorted = true;
            budgets = resumed.budgets();
            resumed = null;
        } else {
            budgets = new FreePages[] {freePages(), freePages().split(freePages().size() / 2)};
        }
        for (int i = 0; i < 2; i++) {
            if (sorters[i] == null) {
                sorters[i] = new ExternalSorter<>(serializers[i], comparators[i], budgets[i], resources.getIOManager(), resources);
            }
        }
    }

    @Override
    public void processElement1(L value, long timestamp) throws Exception {
        sorters[0].add(value);
    }

    @Override
    public void processElement2(R value, long timestamp) throws Exception {
        sorters[1].add(value);
    }

    @Override
    public boolean keep(int input) {
        if (keptInput >= 0) {
            return false;
        }
        keptInput = input;
        return true;
    }

    @Override
    public AutoCloseable handOver() {
        ExternalSorter<Object> kept = sorters[keptInput];
        sorters[keptInput] = null;
        closeSorters();
        return new KeptSortedInput(keptInput, kept, budgets, giveUpPages());
    }

    @Override
    public void resume(AutoCloseable kept) {
        resumed = (KeptSortedInput) kept;
        adoptPages(resumed.pages());
    }

    /** A static input's sorter, sorted, with the operator's pages (both halves), between two supersteps. */
    private record KeptSortedInput(int input, ExternalSorter<Object> sorter, FreePages[] budgets, FreePages pages)
            implements AutoCloseable {
        @Override
        public void close() {
            try {
                sorter.close();
            } finally {
                pages.close();
            }
        }
    }

    /** Input {@code i} in key order: sorted now, or (the kept input after the first superstep) read again. */
    private RecordIterator<Object> sorted(int i) throws Exception {
        if (i == keptInput && keptIsSorted) {
            return sorters[i].sortedAgain();
        }
        RecordIterator<Object> records = sorters[i].sorted();
        sorts.inc();
        spilledBytes.inc(sorters[i].getSpilledBytes());
        keptIsSorted |= i == keptInput;
        return records;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void emitResults() throws Exception {
        TypeComparator<L> leftComparator = (TypeComparator<L>) (TypeComparator<?>) comparators[0];
        TypeComparator<R> rightComparator = (TypeComparator<R>) (TypeComparator<?>) comparators[1];
        KeyGroupedIterator<L> lefts = new KeyGroupedIterator<>((RecordIterator<L>) (RecordIterator<?>) sorted(0), leftComparator);
        KeyGroupedIterator<R> rights = new KeyGroupedIterator<>((RecordIterator<R>) (RecordIterator<?>) sorted(1), rightComparator);
        boolean hasLeft = lefts.nextKey();
        boolean hasRight = rights.nextKey();
        while (hasLeft || hasRight) {
            int order = !hasLeft ? 1 : !hasRight ? -1
                    : KeyComparison.compareKeys(leftComparator, lefts.currentKeyRecord(), rightComparator, rights.currentKeyRecord());
            Iterable<L> leftGroup = order <= 0 ? lefts.values() : Collections.emptyList();
            Iterable<R> rightGroup = order >= 0 ? rights.values() : Collections.emptyList();
            if (spec.coGroup() != null) {
                spec.coGroup().coGroup(leftGroup, rightGroup, emitter);
            } else {
                join(leftGroup, rightGroup);
            }
            if (order <= 0) {
                hasLeft = lefts.nextKey();
            }
            if (order >= 0) {
                hasRight = rights.nextKey();
            }
        }
    }

    /** The join of one key's groups, with the unmatched side paired with null as the join kind asks. */
    @SuppressWarnings("unchecked")
    private void join(Iterable<L> leftGroup, Iterable<R> rightGroup) throws Exception {
        Operation.JoinKind kind = spec.joinKind();
        boolean leftOuter = kind == Operation.JoinKind.LEFT_OUTER || kind == Operation.JoinKind.FULL_OUTER;
        boolean rightOuter = kind == Operation.JoinKind.RIGHT_OUTER || kind == Operation.JoinKind.FULL_OUTER;
        TypeSerializer<L> leftSerializer = (TypeSerializer<L>) (TypeSerializer<?>) serializers[0];
        List<L> lefts = new ArrayList<>();
        for (L l : leftGroup) {
            lefts.add(leftSerializer.copy(l));
        }
        boolean anyRight = false;
        for (R r : rightGroup) {
            anyRight = true;
            if (lefts.isEmpty()) {
                if (rightOuter) {
                    spec.join().join(null, r, emitter);
                }
            } else {
                for (L l : lefts) {
                    spec.join().join(l, r, emitter);
                }
            }
        }
        if (!anyRight && leftOuter) {
            for (L l : lefts) {
                spec.join().join(l, null, emitter);
            }
        }
    }

    @Override
    protected Object userFunction() {
        return spec.coGroup() != null ? spec.coGroup() : spec.join();
    }

    private void closeSorters() {
        for (int i = 0; sorters != null && i < 2; i++) {
            if (sorters[i] != null) {
                sorters[i].close();
                sorters[i] = null;
            }
        }
    }

    @Override
    protected void closeStructures() {
        closeSorters(); // a kept sorter not handed over too: the superstep failed
        if (resumed != null) {
            resumed.sorter().close(); // handed over, but this instance failed to open; its pages are this instance's now
            resumed = null;
        }
    }
}
