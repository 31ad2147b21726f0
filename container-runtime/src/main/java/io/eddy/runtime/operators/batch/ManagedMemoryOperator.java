package io.eddy.runtime.operators.batch;

import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.comparators.Comparators;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.runtime.io.TaskManagedResources;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.operators.FunctionLifecycle;
import io.eddy.runtime.operators.InputSerializingOperator;
import io.eddy.runtime.operators.RuntimeOperatorContext;

import java.util.Arrays;

/**
 * Base of the batch operators (and of an iteration's solution set co-group): each reserves its share of
 * the slot's managed memory in {@link #open()}, works inside it (spilling to disk beyond it), its
 * structures drawing the pages from the {@link FreePages} only as they fill, emits its results in
 * {@code endInput}, and gives the pages back
 * in {@link #close()}, which also runs after a failure or cancellation (the task then releases
 * whatever is left). Records leave without an event timestamp. Every input record is
 * serialized (into a sorter, a hash table or a spill file) before {@code processElement} returns, and
 * no reference to it is kept: a chained predecessor need not copy it ({@link InputSerializingOperator}).
 *
 * <p>Threading: the task thread calls every method.
 */
public abstract class ManagedMemoryOperator<OUT> extends StreamOperator<OUT> implements InputSerializingOperator {
    private static final long serialVersionUID = 1L;

    /** The share of an operator that buffers nothing: it reserves no pages. */
    static final double NO_MEMORY = 0;

    /** The share (0..1] of the slot's managed memory this operator takes, or {@link #NO_MEMORY}. */
    private final double memoryShare;
    protected transient TaskManagedResources resources;
    private transient FreePages freePages;
    /** Pages a previous instance handed over ({@link #adoptPages}), taken instead of a new reservation. */
    private transient FreePages adopted;

    protected ManagedMemoryOperator(double memoryShare) {
        this.memoryShare = memoryShare;
    }

    /** Reserves the operator's pages; subclasses build their sorters and tables on {@link #freePages()}. */
    @Override
    public void open() throws Exception {
        resources = ((RuntimeOperatorContext) context).getManagedResources();
        freePages = adopted != null ? adopted : memoryShare == NO_MEMORY ? null : resources.reserveShare(memoryShare);
        adopted = null;
        FunctionLifecycle.setUpAndOpen(userFunction(), context);
    }

    /** The end-of-input watermark arrived; it goes on behind the results, in {@link #endInput()}. */
    private transient boolean endOfInputWatermark;

    /**
     * Holds the end-of-input watermark ({@code Long.MAX_VALUE}) back until the results are out: a
     * downstream task that takes a channel at that watermark as finished (an iteration's step function
     * reading a static input) must not see it before the records.
     */
    @Override
    public void processWatermark(long watermark) throws Exception {
        if (watermark == Long.MAX_VALUE) {
            endOfInputWatermark = true;
        } else {
            super.processWatermark(watermark);
        }
    }

    /** Emits the results, then the end-of-input watermark if it was held back. */
    @Override
    public final void endInput() throws Exception {
        emitResults();
        if (endOfInputWatermark) {
            endOfInputWatermark = false;
            super.processWatermark(Long.MAX_VALUE);
        }
    }

    /** All input has arrived: emit what the operator buffered. */
    protected abstract void emitResults() throws Exception;

    /** The user's function this operator runs, opened and closed with it; null when it runs none. */
    protected abstract Object userFunction();

    protected final FreePages freePages() {
        return freePages;
    }

    /** Before {@link #open()}: works in {@code pages}, which an instance before this one gave up, instead of reserving. */
    protected final void adoptPages(FreePages pages) {
        adopted = pages;
    }

    /** Gives the pages up to whoever keeps a structure built on them: {@link #close()} no longer returns them. */
    protected final FreePages giveUpPages() {
        FreePages pages = freePages;
        freePages = null;
        return pages;
    }

    /** Closes the operator's sorters and tables (deleting their spill files); then the pages go back. */
    protected abstract void closeStructures();

    @Override
    public void close() throws Exception {
        try {
            FunctionLifecycle.close(userFunction());
            closeStructures();
        } finally {
            if (freePages != null) {
                freePages.close();
                freePages = null;
            }
        }
    }

    protected final void emit(OUT record) {
        output.collect(record, Output.NO_TIMESTAMP);
    }

    /** The comparator of {@code keys} of {@code type} (the whole record when null), ascending unless told otherwise. */
    protected final <T> TypeComparator<T> comparator(TypeInfo<T> type, KeyFields keys, boolean[] ascending) {
        var config = context.getExecutionConfig().getSerializerConfig();
        if (keys == null) {
            return Comparators.whole(type, config);
        }
        if (ascending == null) {
            ascending = new boolean[keys.size()];
            Arrays.fill(ascending, true);
        }
        return keys.byPosition() ? Comparators.fields(type, config, keys.positions(), ascending)
                : Comparators.fields(type, config, keys.names(), ascending);
    }
}
