package io.eddy.runtime.iteration;

import io.eddy.api.functions.OutputTag;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.comparators.Comparators;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.operators.batch.SpilledRecords;

import java.util.Map;

/**
 * The head of a delta iteration: input 1 is the initial solution set (partitioned by its key, so this
 * subtask holds the keys hashed to it), input 2 the initial workset. It keeps the solution set for the
 * step function's joins, serialized in managed memory ({@link ManagedSolutionSet}) or, when the program
 * asks, as objects on the heap ({@link HeapSolutionSet}); between supersteps it applies the solution
 * set delta, by key, and takes the next workset. The result is the solution set.
 */
public final class DeltaIterationHeadOperator extends IterationHeadOperator {
    private static final long serialVersionUID = 1L;

    private final TypeSerializer<Object> worksetSerializer;
    private final TypeInfo<Object> solutionSetType;
    private final KeyFields solutionSetKeys;
    private final boolean unmanaged;
    private transient SolutionSet solutionSet;
    /** The workset the next superstep reads; the tail's feedback after the first. */
    private transient SpilledRecords<Object> workset;

    DeltaIterationHeadOperator(IterationSpec spec, OutputTag<Object> resultTag, TypeSerializer<Object> worksetSerializer,
            TypeInfo<Object> solutionSetType, KeyFields solutionSetKeys, boolean unmanaged, double memoryShare) {
        super(spec, resultTag, memoryShare);
        this.worksetSerializer = worksetSerializer;
        this.solutionSetType = solutionSetType;
        this.solutionSetKeys = solutionSetKeys;
        this.unmanaged = unmanaged;
    }

    @Override
    public void open() throws Exception {
        super.open();
        workset = new SpilledRecords<>(worksetSerializer, resources, pages.pop());
        RecordKey<Object> key = new RecordKey<>(solutionSetType, solutionSetKeys);
        if (unmanaged) {
            solutionSet = new HeapSolutionSet(key);
        } else {
            // every page but the workset's
            var config = context.getExecutionConfig().getSerializerConfig();
            boolean[] ascending = new boolean[solutionSetKeys.size()];
            java.util.Arrays.fill(ascending, true);
            TypeComparator<Object> comparator = solutionSetKeys.byPosition()
                    ? Comparators.fields(solutionSetType, config, solutionSetKeys.positions(), ascending)
                    : Comparators.fields(solutionSetType, config, solutionSetKeys.names(), ascending);
            solutionSet = new ManagedSolutionSet(solutionSetType.createSerializer(config), comparator, key,
                    pages, spec.describe());
        }
        subtask.setSolutionSet(solutionSet);
    }

    @Override
    public void processElement1(Object record, long timestamp) throws Exception {
        solutionSet.upsert(record);
    }

    @Override
    public void processElement2(Object record, long timestamp) throws Exception {
        workset.add(record);
    }

    @Override
    protected void emitSuperstepInput() throws Exception {
        forEach(workset, this::emit);
    }

    @Override
    protected void acceptFeedback(Map<Feedback, SubtaskIteration.Fed> fed) throws Exception {
        SpilledRecords<Object> delta = fed.get(Feedback.SOLUTION_SET_DELTA).records();
        try {
            forEach(delta, solutionSet::upsert);
        } finally {
            closeQuietly(delta);
        }
        closeQuietly(workset);
        workset = fed.get(Feedback.WORKSET).records();
    }

    @Override
    protected void emitResult() throws Exception {
        solutionSet.forEach(this::emitResult);
    }

    @Override
    protected void closeStructures() {
        closeQuietly(workset);
        workset = null;
        if (solutionSet != null) {
            solutionSet.close();
            solutionSet = null;
        }
    }
}
