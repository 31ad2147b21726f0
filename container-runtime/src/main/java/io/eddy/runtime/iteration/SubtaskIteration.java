package io.eddy.runtime.iteration;

import io.eddy.api.dataset.aggregators.Aggregator;
import io.eddy.runtime.operators.batch.SpilledRecords;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Where the tasks of one parallel subtask of an iteration meet in their TaskManager: the head, the
 * tails and the step function's operators of subtask <i>i</i> run co-located (the scheduler puts them
 * into one slot), each in its own task thread.
 *
 * <ul>
 *   <li>Feedback: a tail hands each superstep's records (in a spill file it wrote, never blocking on
 *       the head) to the head through an unbounded queue per {@link Feedback} kind; the head takes
 *       them once the superstep ended and closes them after reading.
 *   <li>Aggregators: each step function operator folds its aggregators into this subtask's partial
 *       aggregates when it ends a superstep; the head takes them for the superstep barrier.
 *   <li>Previous aggregates: set by the head from the barrier's decision of each superstep; a step
 *       function operator starting the next superstep waits for them, since its first record may come
 *       through a shuffle from another subtask's head that got the same decision earlier.
 *   <li>Solution set: set by a delta iteration's head before the first superstep; looked up by the
 *       step function's solution set joins during a superstep and updated by the head between
 *       supersteps, when no superstep runs (the barrier orders the two).
 * </ul>
 */
final class SubtaskIteration {
    /** One superstep's feedback: its records (null when only counted) and their number. */
    record Fed(int superstep, SpilledRecords<Object> records, long count) {}

    private final Map<Feedback, BlockingQueue<Fed>> feedback = new EnumMap<>(Feedback.class);
    /** This subtask's aggregates of the running superstep (guarded by this). */
    private final Map<String, Aggregator<Serializable>> partials = new LinkedHashMap<>();
    /** The aggregates of superstep {@link #aggregatedSuperstep} (guarded by this). */
    private Map<String, Serializable> previousAggregates = Map.of();
    private int aggregatedSuperstep;
    private volatile SolutionSet solutionSet;

    SubtaskIteration() {
        for (Feedback kind : Feedback.values()) {
            feedback.put(kind, new LinkedBlockingQueue<>());
        }
    }

    /** From a tail's thread: the superstep's feedback is complete. */
    void handOff(Feedback kind, Fed fed) {
        feedback.get(kind).add(fed);
    }

    /** From the head's thread: waits for the feedback of {@code superstep}. */
    Fed take(Feedback kind, int superstep) throws InterruptedException {
        Fed fed = feedback.get(kind).take();
        if (fed.superstep() != superstep) {
            throw new IllegalStateException("The " + kind + " feedback of superstep " + fed.superstep()
                    + " arrived while the head waited for superstep " + superstep);
        }
        return fed;
    }

    /** From a step function operator's thread at the end of its superstep: folds in its aggregators. */
    @SuppressWarnings("unchecked")
    synchronized void contribute(Map<String, Aggregator<?>> aggregators) {
        for (Map.Entry<String, Aggregator<?>> e : aggregators.entrySet()) {
            Aggregator<Serializable> mine = (Aggregator<Serializable>) e.getValue();
            Aggregator<Serializable> partial = partials.computeIfAbsent(e.getKey(), name -> Aggregators.fresh(mine));
            partial.aggregate(mine.getAggregate());
        }
    }

    /** From the head's thread once the superstep ended: this subtask's aggregates, then resets them. */
    synchronized Map<String, Serializable> takeAggregates() {
        Map<String, Serializable> values = new HashMap<>();
        for (Map.Entry<String, Aggregator<Serializable>> e : partials.entrySet()) {
            values.put(e.getKey(), e.getValue().getAggregate());
            e.getValue().reset();
        }
        return values;
    }

    /**
     * From a step function operator's thread as it starts superstep {@code superstep + 1}: the aggregates
     * of {@code superstep} (none for 0), once this subtask's head has its barrier's decision.
     */
    synchronized Map<String, Serializable> aggregatesOf(int superstep) throws InterruptedException {
        while (aggregatedSuperstep < superstep) {
            wait();
        }
        return superstep == 0 ? Map.of() : previousAggregates;
    }

    /** From the head's thread: the barrier decided {@code superstep} with these aggregates. */
    synchronized void setAggregates(int superstep, Map<String, Serializable> aggregates) {
        this.previousAggregates = aggregates;
        this.aggregatedSuperstep = superstep;
        notifyAll();
    }

    SolutionSet solutionSet() {
        SolutionSet set = solutionSet;
        if (set == null) {
            throw new IllegalStateException("The solution set is looked up before the iteration's head built it");
        }
        return set;
    }

    void setSolutionSet(SolutionSet solutionSet) {
        this.solutionSet = solutionSet;
    }

    /** Closes the feedback nobody will read (after a failure or cancellation). */
    void discardFeedback() {
        for (BlockingQueue<Fed> queue : feedback.values()) {
            for (Fed fed; (fed = queue.poll()) != null; ) {
                if (fed.records() != null) {
                    fed.records().close();
                }
            }
        }
    }
}
