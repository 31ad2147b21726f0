package io.eddy.runtime.iteration;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.transformations.Operation;
import io.eddy.runtime.operators.FunctionLifecycle;

/**
 * A join of its input with the solution set of a delta iteration: each record looks up its key in
 * this subtask's part of the solution set (its input is partitioned like the solution set) and, when
 * a record is found, the pair goes to the user's function at once. Runs inside the step function,
 * where {@link SuperstepOperator} starts an instance per superstep; no buffering, no managed memory.
 */
public final class SolutionSetJoinOperator<OUT> extends StreamOperator<OUT> implements OneInputOperator<Object> {
    private static final long serialVersionUID = 1L;

    private final Operation.SolutionSetJoin<Object, Object, OUT> spec;
    private final RecordKey<Object> inputKey;
    private transient SolutionSet solutionSet;
    private transient Collector<OUT> emitter;

    @SuppressWarnings("unchecked")
    SolutionSetJoinOperator(Operation.SolutionSetJoin<?, ?, OUT> spec) {
        this.spec = (Operation.SolutionSetJoin<Object, Object, OUT>) spec;
        this.inputKey = new RecordKey<>(this.spec.inputType(), spec.inputKeys());
    }

    @Override
    public void open() throws Exception {
        FunctionLifecycle.setUpAndOpen(spec.function(), context);
        solutionSet = IterationRegistry.subtask(context, spec.iterationId()).solutionSet();
        emitter = record -> output.collect(record, Output.NO_TIMESTAMP);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void processElement(Object record, long timestamp) throws Exception {
        Object match = solutionSet.get(inputKey.of(record));
        if (match != null) {
            FlatJoinFunction<Object, Object, OUT> function = (FlatJoinFunction<Object, Object, OUT>) spec.function();
            if (spec.solutionSetFirst()) {
                function.join(match, record, emitter);
            } else {
                function.join(record, match, emitter);
            }
        }
    }

    @Override
    public void close() throws Exception {
        FunctionLifecycle.close(spec.function());
    }
}
