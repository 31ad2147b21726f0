package io.eddy.runtime.iteration;

import io.eddy.api.functions.OutputTag;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.operators.TwoInputOperator;
import io.eddy.runtime.io.TaskManagedResources;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.operators.RecordIterator;
import io.eddy.runtime.operators.RuntimeOperatorContext;
import io.eddy.runtime.operators.batch.SpilledRecords;

import java.util.EnumMap;
import java.util.Map;

/**
 * The head of one parallel subtask of an iteration, and the driver of its supersteps. It collects its
 * initial input; when that ends, it runs supersteps until the iteration ends:
 *
 * <ol>
 *   <li>emit the superstep's input into the step function (the partial solution or the workset),
 *       followed by the watermark {@code superstep}: the end-of-superstep marker, which every task
 *       of the step function receives once from each of its channels, like the end of an input, and
 *       passes on after it ended its superstep (see {@link SuperstepOperator});
 *   <li>wait for the tails of this subtask to hand back their feedback (they reached the marker, so
 *       every operator upstream of them finished the superstep); the feedback is buffered in spill
 *       files, so no tail ever waits for the head and back-pressure cannot close the loop;
 *   <li>report to the {@link SuperstepBarrier} (aggregates, counts), which aligns the heads of all
 *       subtasks through the JobMaster, and take its decision, the same for all subtasks: the next
 *       superstep starts only when every subtask finished this one, so the markers of consecutive
 *       supersteps never mix in a channel;
 *   <li>then the iteration's result leaves through the side output {@code resultTag}.
 * </ol>
 *
 * <p>The head's own inputs' watermarks stay outside the step function. Threading: the task thread
 * runs everything; it blocks (interruptibly, so cancellation ends it) while it waits for the feedback
 * and the barrier, and while its outputs are back-pressured.
 */
public abstract class IterationHeadOperator extends StreamOperator<Object>
        implements OneInputOperator<Object>, TwoInputOperator<Object, Object> {
    private static final long serialVersionUID = 1L;

    protected final IterationSpec spec;
    private final OutputTag<Object> resultTag;
    private final double memoryShare;
    protected transient TaskManagedResources resources;
    protected transient FreePages pages;
    protected transient SubtaskIteration subtask;
    private transient SuperstepBarrier barrier;

    IterationHeadOperator(IterationSpec spec, OutputTag<Object> resultTag, double memoryShare) {
        this.spec = spec;
        this.resultTag = resultTag;
        this.memoryShare = memoryShare;
    }

    @Override
    public void open() throws Exception {
        resources = ((RuntimeOperatorContext) context).getManagedResources();
        pages = resources.reserveShare(memoryShare);
        if (pages.size() < 1) {
            throw new IllegalStateException("The head of " + spec.describe() + " got no managed memory page");
        }
        subtask = IterationRegistry.subtask(context, spec.iterationId());
        RuntimeOperatorContext runtime = (RuntimeOperatorContext) context;
        if (runtime.getSuperstepAlignment() == null) {
            throw new IllegalStateException("The head of " + spec.describe() + " runs outside a deployed task: "
                    + "an iteration runs on a cluster (embedded or not), where its heads align their supersteps");
        }
        barrier = new SuperstepBarrier(spec, runtime.getSuperstepAlignment(), runtime.getExecutionAttemptId(),
                context.getIndexOfThisSubtask(), context.getAttemptNumber(), context.getUserCodeClassLoader());
    }

    @Override
    public void processElement(Object record, long timestamp) throws Exception {
        processElement1(record, timestamp);
    }

    @Override
    public void processWatermark(long watermark) {
        // the initial inputs' watermarks: the step function sees only the superstep markers
    }

    @Override
    public void endInput() throws Exception {
        Map<Feedback, SubtaskIteration.Fed> fed = new EnumMap<>(Feedback.class);
        if (spec.delta()) {
            barrier.awaitAllReady(); // every head built its part of the solution set
        }
        for (int superstep = 1; ; superstep++) {
            emitSuperstepInput();
            output.emitWatermark(superstep);
            output.flush(); // this thread waits now: its buffer timeout would not fire
            for (Feedback kind : spec.feedbacks()) {
                fed.put(kind, subtask.take(kind, superstep));
            }
            SuperstepBarrier.Report report = new SuperstepBarrier.Report(subtask.takeAggregates(),
                    count(fed.get(Feedback.WORKSET)), count(fed.get(Feedback.TERMINATION_CRITERION)));
            SuperstepBarrier.Decision decision = barrier.await(superstep, report);
            subtask.setAggregates(superstep, decision.aggregates());
            acceptFeedback(fed);
            fed.clear();
            if (decision.terminate()) {
                break;
            }
        }
        emitResult();
        output.flush();
    }

    private static long count(SubtaskIteration.Fed fed) {
        return fed == null ? 0 : fed.count();
    }

    /** Emits the input of the superstep that starts into the step function. */
    protected abstract void emitSuperstepInput() throws Exception;

    /** Takes the feedback of the superstep that ended (every subtask ended it); closes what it does not keep. */
    protected abstract void acceptFeedback(Map<Feedback, SubtaskIteration.Fed> fed) throws Exception;

    /** Emits the iteration's result with {@link #emitResult(Object)}. */
    protected abstract void emitResult() throws Exception;

    protected final void emit(Object record) {
        output.collect(record, Output.NO_TIMESTAMP);
    }

    protected final void emitResult(Object record) {
        output.collect(resultTag, record, Output.NO_TIMESTAMP);
    }

    /** Calls {@code action} with each record of {@code records} (none when null). */
    protected static void forEach(SpilledRecords<Object> records, RecordAction action) throws Exception {
        if (records == null) {
            return;
        }
        RecordIterator<Object> it = records.read();
        for (Object record = it.next(null); record != null; record = it.next(null)) {
            action.accept(record);
        }
    }

    @FunctionalInterface
    protected interface RecordAction {
        void accept(Object record) throws Exception;
    }

    /** Closes the head's buffers; the pages go back afterwards. */
    protected abstract void closeStructures();

    @Override
    public void close() throws Exception {
        try {
            closeStructures();
        } finally {
            if (barrier != null) {
                IterationRegistry.removeSubtask(context, spec.iterationId());
                barrier = null;
            }
            if (pages != null) {
                pages.close();
                pages = null;
            }
        }
    }

    static void closeQuietly(SpilledRecords<?> records) {
        if (records != null) {
            records.close();
        }
    }
}
