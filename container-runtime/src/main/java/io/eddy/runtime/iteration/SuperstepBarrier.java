package io.eddy.runtime.iteration;

import io.eddy.api.dataset.aggregators.Aggregator;
import io.eddy.api.dataset.aggregators.ConvergenceCriterion;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The superstep barrier of one iteration: every parallel head reports when its subtask finished a
 * superstep (its tails handed back their feedback), with the subtask's aggregates and counts; when
 * the last head of the superstep reported, the barrier combines the aggregates and decides, once for
 * all: end the iteration (maximum reached, convergence criterion met, termination criterion or
 * workset empty everywhere) or run the next superstep. Every head receives the same decision, with
 * the combined aggregates, which the step function sees as the previous superstep's in the next one.
 *
 * <p>Thread-safe: heads report from their task threads; the decision completes their futures.
 */
final class SuperstepBarrier {
    /** What one subtask reports at the end of a superstep. */
    record Report(Map<String, Serializable> aggregates, long worksetRecords, long terminationCriterionRecords) {}

    /** The outcome of a superstep, the same for every subtask. */
    record Decision(boolean terminate, Map<String, Serializable> aggregates) {}

    private final IterationSpec spec;
    private int superstep = 1;
    private int reported;
    private int left;
    private long worksetRecords;
    private long criterionRecords;
    private Map<String, Aggregator<?>> combined;
    private CompletableFuture<Decision> decision = new CompletableFuture<>();

    SuperstepBarrier(IterationSpec spec) {
        this.spec = spec;
        this.left = spec.parallelism();
        this.combined = Aggregators.freshAll(spec.aggregators());
    }

    /** Subtask {@code subtask}'s report of {@code step}; the future completes when every subtask reported it. */
    synchronized CompletableFuture<Decision> report(int subtask, int step, Report report) {
        if (step != superstep) {
            throw new IllegalStateException("Subtask " + subtask + " of " + spec.describe() + " reported superstep "
                    + step + " while superstep " + superstep + " runs");
        }
        report.aggregates().forEach((name, value) -> {
            Aggregator<?> aggregator = combined.get(name);
            if (aggregator != null && value != null) {
                Aggregators.fold(aggregator, value);
            }
        });
        worksetRecords += report.worksetRecords();
        criterionRecords += report.terminationCriterionRecords();
        CompletableFuture<Decision> result = decision;
        if (++reported == spec.parallelism()) {
            result.complete(decide());
            superstep++;
            reported = 0;
            worksetRecords = 0;
            criterionRecords = 0;
            combined = Aggregators.freshAll(spec.aggregators());
            decision = new CompletableFuture<>();
        }
        return result;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Decision decide() {
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

    /** A head failed or was cancelled: the others stop waiting. */
    synchronized void fail(Throwable cause) {
        decision.completeExceptionally(cause);
    }

    /** A head closed; true when it was the last. */
    synchronized boolean leave() {
        return --left == 0;
    }
}
