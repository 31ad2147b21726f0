package io.eddy.runtime.iteration;

import io.eddy.api.dataset.aggregators.Aggregator;
import io.eddy.api.dataset.aggregators.ConvergenceCriterion;
import io.eddy.runtime.execution.ExecutionAttemptId;
import io.eddy.runtime.iteration.alignment.SuperstepAlignment;
import io.eddy.runtime.iteration.alignment.SuperstepId;
import io.eddy.runtime.jobgraph.SerializedObjects;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * One head's side of the superstep barrier of its iteration. At the end of each superstep the head
 * reports its subtask's aggregates and counts to the {@link SuperstepAlignment} (the JobMaster, so the
 * heads may run in different TaskManager processes) and waits for the reports of all heads. Each head
 * then combines them itself, in subtask order, so all take the same decision: end the iteration
 * (maximum reached, convergence criterion met, termination criterion or workset empty everywhere) or
 * run the next superstep, with the combined aggregates, which the step function sees as the previous
 * superstep's in the next one. The next superstep starts only when every subtask ended this one, so
 * the markers of consecutive supersteps never mix in a channel.
 *
 * <p>Threading: the head's task thread; it blocks, interruptibly, until the last head reported.
 */
final class SuperstepBarrier {
    /** What one subtask reports at the end of a superstep. */
    record Report(Map<String, Serializable> aggregates, long worksetRecords, long terminationCriterionRecords)
            implements Serializable {}

    /** The outcome of a superstep, the same for every subtask. */
    record Decision(boolean terminate, Map<String, Serializable> aggregates) {}

    private final IterationSpec spec;
    private final SuperstepAlignment alignment;
    private final ExecutionAttemptId attempt;
    private final int subtask;
    private final int attemptNumber;
    private final ClassLoader userClassLoader;

    SuperstepBarrier(IterationSpec spec, SuperstepAlignment alignment, ExecutionAttemptId attempt, int subtask,
            int attemptNumber, ClassLoader userClassLoader) {
        this.spec = spec;
        this.alignment = alignment;
        this.attempt = attempt;
        this.subtask = subtask;
        this.attemptNumber = attemptNumber;
        this.userClassLoader = userClassLoader;
    }

    /**
     * Waits until every head is ready to start the first superstep (the "end" of superstep 0): a delta
     * iteration's step function looks up the solution set of its own subtask, whose head must have built
     * it before any head's workset reaches that lookup.
     */
    void awaitAllReady() throws Exception {
        gather(0, new Report(Map.of(), 0, 0));
    }

    /** Reports this subtask's end of {@code superstep} and waits for the decision. */
    Decision await(int superstep, Report report) throws Exception {
        List<byte[]> reports = gather(superstep, report);
        Map<String, Aggregator<?>> combined = Aggregators.freshAll(spec.aggregators());
        long worksetRecords = 0;
        long criterionRecords = 0;
        for (byte[] bytes : reports) {
            Report each = SerializedObjects.deserialize(bytes, userClassLoader);
            each.aggregates().forEach((name, value) -> {
                Aggregator<?> aggregator = combined.get(name);
                if (aggregator != null && value != null) {
                    Aggregators.fold(aggregator, value);
                }
            });
            worksetRecords += each.worksetRecords();
            criterionRecords += each.terminationCriterionRecords();
        }
        return decide(superstep, combined, worksetRecords, criterionRecords);
    }

    private List<byte[]> gather(int superstep, Report report) throws Exception {
        try {
            return alignment.alignSuperstep(attempt, new SuperstepId(spec.iterationId(), attemptNumber, superstep),
                    subtask, spec.parallelism(), SerializedObjects.serialize(report)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The heads of " + spec.describe() + " could not align superstep " + superstep
                    + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Decision decide(int superstep, Map<String, Aggregator<?>> combined, long worksetRecords, long criterionRecords) {
        Map<String, Serializable> values = new HashMap<>();
        combined.forEach((name, aggregator) -> values.put(name, (Serializable) aggregator.getAggregate()));
        boolean terminate = superstep >= spec.maxIterations()
                || (spec.delta() && worksetRecords == 0)
                || (spec.terminationCriterion() && criterionRecords == 0);
        if (!terminate && spec.convergenceCriterion() != null) {
            ConvergenceCriterion criterion = spec.convergenceCriterion();
            terminate = criterion.isConverged(superstep, values.get(spec.convergenceAggregator()));
        }
        return new Decision(terminate, Collections.unmodifiableMap(values));
    }
}
