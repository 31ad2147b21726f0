package io.eddy.runtime.iteration;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.io.TaskManagedResources;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.operators.RuntimeOperatorContext;
import io.eddy.runtime.operators.batch.SpilledRecords;


/**
 * A tail of an iteration: the end of one of the step function's outputs (the next partial solution,
 * the termination criterion, the next workset or the solution set delta). It writes each superstep's
 * records into a spill file of its own, which never waits for anyone (a small one stays in the page
 * cache), and hands it to the co-located head when the superstep's marker arrives. Two pages
 * alternate between supersteps: the head still reads superstep <i>k</i>'s feedback while this tail
 * writes superstep <i>k + 1</i>'s.
 *
 * <p>Threading: the task thread; the hand-off passes the spill file to the head's thread.
 */
public final class FeedbackTailOperator extends StreamOperator<Object> implements OneInputOperator<Object> {
    private static final long serialVersionUID = 1L;

    private final IterationSpec spec;
    private final Feedback kind;
    private final TypeSerializer<Object> serializer;
    private final double memoryShare;
    private transient TaskManagedResources resources;
    private transient FreePages freePages;
    /** The two pages the feedback of odd and even supersteps is written through. */
    private transient MemorySegment[] pages;
    private transient SubtaskIteration subtask;
    private transient SpilledRecords<Object> records;
    private transient long count;
    private transient int superstep;

    /** @param serializer of the fed back records; null when the head needs only their number */
    FeedbackTailOperator(IterationSpec spec, Feedback kind, TypeSerializer<Object> serializer, double memoryShare) {
        this.spec = spec;
        this.kind = kind;
        this.serializer = serializer;
        this.memoryShare = memoryShare;
    }

    @Override
    public void open() throws Exception {
        subtask = IterationRegistry.subtask(context, spec.iterationId());
        superstep = 1;
        if (serializer != null) {
            resources = ((RuntimeOperatorContext) context).getManagedResources();
            freePages = resources.reserveShare(memoryShare);
            if (freePages.size() < 2) {
                freePages.close();
                freePages = null;
                throw new IllegalStateException("The tail of " + spec.describe() + " needs 2 pages of managed memory, "
                        + "its share is smaller: give the TaskManagers more managed memory (taskmanager.memory.managed.size)");
            }
            pages = new MemorySegment[] {freePages.pop(), freePages.pop()};
        }
    }

    @Override
    public void processElement(Object record, long timestamp) throws Exception {
        count++;
        if (serializer != null) {
            if (records == null) {
                records = new SpilledRecords<>(serializer, resources, pages[superstep % 2]);
            }
            records.add(record);
        }
    }

    @Override
    public void processWatermark(long watermark) {
        if (watermark == Long.MAX_VALUE) {
            return; // the head ended: no superstep follows
        }
        subtask.handOff(kind, new SubtaskIteration.Fed(superstep, records, count));
        records = null;
        count = 0;
        superstep++;
    }

    @Override
    public void close() {
        IterationHeadOperator.closeQuietly(records);
        records = null;
        pages = null;
        if (freePages != null) {
            freePages.close();
            freePages = null;
        }
    }
}
