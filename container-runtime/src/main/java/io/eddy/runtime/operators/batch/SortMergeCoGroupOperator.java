package io.eddy.runtime.operators.batch;

import io.eddy.api.functions.Collector;
import io.eddy.api.operators.TwoInputOperator;
import io.eddy.api.transformations.Operation;
import io.eddy.api.types.comparators.KeyComparison;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.operators.KeyGroupedIterator;
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
 */
public final class SortMergeCoGroupOperator<L, R, OUT> extends ManagedMemoryOperator<OUT> implements TwoInputOperator<L, R> {
    private static final long serialVersionUID = 1L;

    private final Operation.SortMergeCoGroup<L, R, OUT> spec;
    private transient ExternalSorter<L> left;
    private transient ExternalSorter<R> right;
    private transient TypeComparator<L> leftComparator;
    private transient TypeComparator<R> rightComparator;
    private transient TypeSerializer<L> leftSerializer;
    private transient Collector<OUT> emitter;

    public SortMergeCoGroupOperator(Operation.SortMergeCoGroup<L, R, OUT> spec, double memoryShare) {
        super(memoryShare);
        this.spec = spec;
    }

    @Override
    public void open() throws Exception {
        super.open();
        var config = context.getExecutionConfig().getSerializerConfig();
        leftComparator = comparator(spec.leftType(), spec.leftKeys(), null);
        rightComparator = comparator(spec.rightType(), spec.rightKeys(), null);
        KeyComparison.checkCompatible(leftComparator, rightComparator);
        leftSerializer = spec.leftType().createSerializer(config);
        FreePages rightPages = freePages().split(freePages().size() / 2);
        left = new ExternalSorter<>(leftSerializer, leftComparator, freePages(), resources.getIOManager(), resources);
        right = new ExternalSorter<>(spec.rightType().createSerializer(config), rightComparator,
                rightPages, resources.getIOManager(), resources);
        emitter = this::emit;
    }

    @Override
    public void processElement1(L value, long timestamp) throws Exception {
        left.add(value);
    }

    @Override
    public void processElement2(R value, long timestamp) throws Exception {
        right.add(value);
    }

    @Override
    protected void emitResults() throws Exception {
        KeyGroupedIterator<L> lefts = new KeyGroupedIterator<>(left.sorted(), leftComparator);
        KeyGroupedIterator<R> rights = new KeyGroupedIterator<>(right.sorted(), rightComparator);
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
    private void join(Iterable<L> leftGroup, Iterable<R> rightGroup) throws Exception {
        Operation.JoinKind kind = spec.joinKind();
        boolean leftOuter = kind == Operation.JoinKind.LEFT_OUTER || kind == Operation.JoinKind.FULL_OUTER;
        boolean rightOuter = kind == Operation.JoinKind.RIGHT_OUTER || kind == Operation.JoinKind.FULL_OUTER;
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

    @Override
    protected void closeStructures() {
        if (left != null) {
            left.close();
            left = null;
        }
        if (right != null) {
            right.close();
            right = null;
        }
    }
}
