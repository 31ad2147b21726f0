package io.eddy.runtime.iteration;

import io.eddy.api.functions.OutputTag;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.operators.batch.SpilledRecords;

import java.util.Map;

/**
 * The head of a bulk iteration: its input is the initial partial solution; each superstep's input is
 * the previous superstep's next partial solution, and the last one is the result.
 */
public final class BulkIterationHeadOperator extends IterationHeadOperator {
    private static final long serialVersionUID = 1L;

    private final TypeSerializer<Object> serializer;
    /** The partial solution the next superstep reads; the tail's feedback after the first. */
    private transient SpilledRecords<Object> partialSolution;

    BulkIterationHeadOperator(IterationSpec spec, OutputTag<Object> resultTag, TypeSerializer<Object> serializer,
            double memoryShare) {
        super(spec, resultTag, memoryShare);
        this.serializer = serializer;
    }

    @Override
    public void open() throws Exception {
        super.open();
        partialSolution = new SpilledRecords<>(serializer, resources, pages.pop());
    }

    @Override
    public void processElement1(Object record, long timestamp) throws Exception {
        partialSolution.add(record);
    }

    @Override
    public void processElement2(Object record, long timestamp) {
        throw new IllegalStateException("A bulk iteration's head has one input");
    }

    @Override
    protected void emitSuperstepInput() throws Exception {
        forEach(partialSolution, this::emit);
    }

    @Override
    protected void acceptFeedback(Map<Feedback, SubtaskIteration.Fed> fed) {
        closeQuietly(partialSolution);
        partialSolution = fed.get(Feedback.NEXT_PARTIAL_SOLUTION).records();
    }

    @Override
    protected void emitResult() throws Exception {
        forEach(partialSolution, this::emitResult);
    }

    @Override
    protected void closeStructures() {
        closeQuietly(partialSolution);
        partialSolution = null;
    }
}
