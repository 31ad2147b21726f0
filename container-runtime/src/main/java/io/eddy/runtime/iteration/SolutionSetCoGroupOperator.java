package io.eddy.runtime.iteration;

import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.transformations.Operation;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.runtime.metrics.MetricNames;
import io.eddy.runtime.operators.KeyGroupedIterator;
import io.eddy.runtime.operators.batch.ManagedMemoryOperator;
import io.eddy.runtime.operators.sort.ExternalSorter;

import java.util.Collections;
import java.util.List;

/**
 * A co-group of its input with the solution set of a delta iteration: the superstep's records are
 * sorted by key in an {@link ExternalSorter} on the operator's managed memory (spilling runs beyond
 * it), and when the superstep's input ends each key group goes to the user's function with the
 * solution set's record of that key (or none), in key order. Keys only the solution set has are not
 * visited. {@value MetricNames#SPILLED_BYTES} counts the bytes the sorts spilled. Like the solution set itself (a {@link ManagedSolutionSet} unless the program keeps it on
 * the heap), the input so takes no heap beyond the group being handed out, whatever its size.
 *
 * <p>Runs inside the step function, one instance per superstep ({@link SuperstepOperator}): each
 * reserves its share at {@code open()} and gives it back, with its spill files, at {@code close()}.
 * The group's records are reused instances (valid until the iterator moves on), as in every sorted
 * co-group. Threading: the task thread calls every method.
 */
public final class SolutionSetCoGroupOperator<OUT> extends ManagedMemoryOperator<OUT> implements OneInputOperator<Object> {
    private static final long serialVersionUID = 1L;

    private final Operation.SolutionSetCoGroup<Object, Object, OUT> spec;
    private final RecordKey<Object> inputKey;
    private transient TypeComparator<Object> comparator;
    private transient ExternalSorter<Object> sorter;
    private transient Collector<OUT> emitter;

    @SuppressWarnings("unchecked")
    SolutionSetCoGroupOperator(Operation.SolutionSetCoGroup<?, ?, OUT> spec, double memoryShare) {
        super(memoryShare);
        this.spec = (Operation.SolutionSetCoGroup<Object, Object, OUT>) spec;
        this.inputKey = new RecordKey<>(this.spec.inputType(), spec.inputKeys());
    }

    @Override
    public void open() throws Exception {
        super.open();
        comparator = comparator(spec.inputType(), spec.inputKeys(), null);
        sorter = new ExternalSorter<>(spec.inputType().createSerializer(context.getExecutionConfig().getSerializerConfig()),
                comparator, freePages(), resources.getIOManager(), resources);
        emitter = this::emit;
    }

    @Override
    public void processElement(Object record, long timestamp) throws Exception {
        sorter.add(record);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void emitResults() throws Exception {
        SolutionSet solutionSet = IterationRegistry.subtask(context, spec.iterationId()).solutionSet();
        CoGroupFunction<Object, Object, OUT> function = (CoGroupFunction<Object, Object, OUT>) spec.function();
        KeyGroupedIterator<Object> groups = new KeyGroupedIterator<>(sorter.sorted(), comparator);
        context.getMetricGroup().counter(MetricNames.SPILLED_BYTES).inc(sorter.getSpilledBytes());
        while (groups.nextKey()) {
            Object match = solutionSet.get(inputKey.of(groups.currentKeyRecord()));
            List<Object> fromSolutionSet = match == null ? Collections.emptyList() : Collections.singletonList(match);
            if (spec.solutionSetFirst()) {
                function.coGroup(fromSolutionSet, groups.values(), emitter);
            } else {
                function.coGroup(groups.values(), fromSolutionSet, emitter);
            }
        }
    }

    @Override
    protected Object userFunction() {
        return spec.function();
    }

    @Override
    protected void closeStructures() {
        if (sorter != null) {
            sorter.close();
            sorter = null;
        }
    }
}
