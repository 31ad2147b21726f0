package io.eddy.runtime.iteration;

import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.transformations.Operation;
import io.eddy.runtime.operators.FunctionLifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A co-group of its input with the solution set of a delta iteration: the superstep's records are
 * grouped by key (on the heap), and when the superstep's input ends each group goes to the user's
 * function with the solution set's record of that key (or none). Keys only the solution set has are
 * not visited. Runs inside the step function, one instance per superstep.
 */
public final class SolutionSetCoGroupOperator<OUT> extends StreamOperator<OUT> implements OneInputOperator<Object> {
    private static final long serialVersionUID = 1L;

    private final Operation.SolutionSetCoGroup<Object, Object, OUT> spec;
    private final RecordKey<Object> inputKey;
    private transient Map<Object, List<Object>> groups;

    @SuppressWarnings("unchecked")
    SolutionSetCoGroupOperator(Operation.SolutionSetCoGroup<?, ?, OUT> spec) {
        this.spec = (Operation.SolutionSetCoGroup<Object, Object, OUT>) spec;
        this.inputKey = new RecordKey<>(this.spec.inputType(), spec.inputKeys());
    }

    @Override
    public void open() throws Exception {
        FunctionLifecycle.setUpAndOpen(spec.function(), context);
        groups = new LinkedHashMap<>();
    }

    @Override
    public void processElement(Object record, long timestamp) {
        groups.computeIfAbsent(inputKey.of(record), k -> new ArrayList<>()).add(record);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void endInput() throws Exception {
        SolutionSet solutionSet = IterationRegistry.subtask(context, spec.iterationId()).solutionSet();
        CoGroupFunction<Object, Object, OUT> function = (CoGroupFunction<Object, Object, OUT>) spec.function();
        Collector<OUT> emitter = record -> output.collect(record, Output.NO_TIMESTAMP);
        for (Map.Entry<Object, List<Object>> group : groups.entrySet()) {
            Object match = solutionSet.get(group.getKey());
            List<Object> fromSolutionSet = match == null ? List.of() : List.of(match);
            if (spec.solutionSetFirst()) {
                function.coGroup(fromSolutionSet, group.getValue(), emitter);
            } else {
                function.coGroup(group.getValue(), fromSolutionSet, emitter);
            }
        }
        groups.clear();
    }

    @Override
    public void close() throws Exception {
        FunctionLifecycle.close(spec.function());
    }
}
