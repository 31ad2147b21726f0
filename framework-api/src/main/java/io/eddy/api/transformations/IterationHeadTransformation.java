package io.eddy.api.transformations;

import io.eddy.api.dataset.aggregators.Aggregator;
import io.eddy.api.dataset.aggregators.ConvergenceCriterion;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.types.TypeInfo;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The start of an iteration's step function: its output, inside the step function, is the partial
 * solution of the current superstep (bulk iteration) or the workset (delta iteration). The step
 * function is every transformation that depends on it; {@code closeWith} names where it ends: the next
 * partial solution (and optionally a termination criterion), or the solution set delta and the next
 * workset. The iteration's result leaves the head as its side output {@link #getResultTag()}, which
 * only transformations outside the step function may consume.
 *
 * <p>Inputs: the initial partial solution (bulk), or the initial solution set and the initial workset
 * (delta). Built by the DataSet API, compiled by the runtime into an iteration head, the step
 * function's tasks and the tails that feed back into the head.
 */
public final class IterationHeadTransformation<T> extends Transformation<T> {
    /** A bulk iteration replaces its whole partial solution per superstep; a delta iteration updates a solution set. */
    public enum Kind { BULK, DELTA }

    private final Kind kind;
    private final int maxIterations;
    private final Transformation<?> initial;
    private final Transformation<?> initialWorkset;
    private final KeyFields solutionSetKeys;
    private final Map<String, Aggregator<?>> aggregators = new LinkedHashMap<>();
    private final OutputTag<?> resultTag;
    private String convergenceAggregator;
    private ConvergenceCriterion<?> convergenceCriterion;
    private boolean solutionSetUnmanaged;
    private Transformation<?> nextPartialSolution;
    private Transformation<?> terminationCriterion;
    private Transformation<?> solutionSetDelta;
    /** Where the program started the iteration (its first stack frame outside the API), for messages. */
    private final String createdAt;

    /**
     * @param initial the initial partial solution (bulk) or solution set (delta)
     * @param initialWorkset the initial workset (delta), null for a bulk iteration
     * @param outputType the type of the head's output: partial solution (bulk) or workset (delta)
     * @param resultType the type of the iteration's result: partial solution (bulk) or solution set (delta)
     */
    public <R> IterationHeadTransformation(Kind kind, Transformation<?> initial, Transformation<?> initialWorkset,
            KeyFields solutionSetKeys, int maxIterations, TypeInfo<T> outputType, TypeInfo<R> resultType, int parallelism) {
        super(kind == Kind.BULK ? "Bulk iteration" : "Delta iteration", outputType, parallelism);
        if (maxIterations < 1) {
            throw new IllegalArgumentException("An iteration runs at least one superstep: maxIterations must be at least 1, was "
                    + maxIterations);
        }
        this.kind = kind;
        this.initial = initial;
        this.initialWorkset = initialWorkset;
        this.solutionSetKeys = solutionSetKeys;
        this.maxIterations = maxIterations;
        this.resultTag = new OutputTag<>("iteration-result-" + getId(), resultType);
        String caller = null;
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            if (!frame.getClassName().startsWith("io.eddy.api.")) {
                caller = frame.toString();
                break;
            }
        }
        this.createdAt = caller;
    }

    public Kind getKind() {
        return kind;
    }

    public int getMaxIterations() {
        return maxIterations;
    }

    /** The initial partial solution (bulk) or solution set (delta). */
    public Transformation<?> getInitial() {
        return initial;
    }

    /** The initial workset of a delta iteration; null for a bulk iteration. */
    public Transformation<?> getInitialWorkset() {
        return initialWorkset;
    }

    /** The key fields of a delta iteration's solution set; null for a bulk iteration. */
    public KeyFields getSolutionSetKeys() {
        return solutionSetKeys;
    }

    @SuppressWarnings("unchecked")
    public <R> OutputTag<R> getResultTag() {
        return (OutputTag<R>) resultTag;
    }

    public void registerAggregator(String name, Aggregator<?> aggregator) {
        if (name == null || aggregator == null) {
            throw new IllegalArgumentException("An aggregator needs a name and an instance");
        }
        if (aggregators.containsKey(name)) {
            throw new IllegalArgumentException("An aggregator named '" + name + "' is registered already on this "
                    + "iteration: give each aggregator its own name.");
        }
        aggregators.put(name, aggregator);
    }

    public Map<String, Aggregator<?>> getAggregators() {
        return Collections.unmodifiableMap(aggregators);
    }

    public <X extends Serializable> void setConvergenceCriterion(String aggregatorName, Aggregator<X> aggregator,
            ConvergenceCriterion<X> criterion) {
        if (convergenceCriterion != null) {
            throw new IllegalArgumentException("This iteration has a convergence criterion already (on aggregator '"
                    + convergenceAggregator + "'): an iteration has at most one.");
        }
        registerAggregator(aggregatorName, aggregator);
        this.convergenceAggregator = aggregatorName;
        this.convergenceCriterion = criterion;
    }

    /** The name of the aggregator the convergence criterion looks at, or null without a criterion. */
    public String getConvergenceAggregator() {
        return convergenceAggregator;
    }

    public ConvergenceCriterion<?> getConvergenceCriterion() {
        return convergenceCriterion;
    }

    public boolean isSolutionSetUnmanaged() {
        return solutionSetUnmanaged;
    }

    public void setSolutionSetUnmanaged(boolean unmanaged) {
        this.solutionSetUnmanaged = unmanaged;
    }

    /** Closes a bulk iteration: {@code terminationCriterion} may be null. */
    public void closeBulk(Transformation<T> nextPartialSolution, Transformation<?> terminationCriterion) {
        checkOpen();
        this.nextPartialSolution = nextPartialSolution;
        this.terminationCriterion = terminationCriterion;
    }

    /** Closes a delta iteration. */
    public void closeDelta(Transformation<?> solutionSetDelta, Transformation<T> nextWorkset) {
        checkOpen();
        this.solutionSetDelta = solutionSetDelta;
        this.nextPartialSolution = nextWorkset;
    }

    private void checkOpen() {
        if (nextPartialSolution != null) {
            throw new IllegalStateException("closeWith(...) was called twice on " + describe() + ": an iteration is closed once.");
        }
    }

    public boolean isClosed() {
        return nextPartialSolution != null;
    }

    /** The next partial solution (bulk) or the next workset (delta); null until closed. */
    public Transformation<?> getNextPartialSolution() {
        return nextPartialSolution;
    }

    /** The termination criterion of a bulk iteration (it ends when this is empty), or null. */
    public Transformation<?> getTerminationCriterion() {
        return terminationCriterion;
    }

    /** The solution set delta of a delta iteration; null until closed. */
    public Transformation<?> getSolutionSetDelta() {
        return solutionSetDelta;
    }

    /** The iteration's kind and where the program created it, for messages. */
    public String describe() {
        return "the " + (kind == Kind.BULK ? "iteration started with iterate(" : "delta iteration started with iterateDelta(")
                + maxIterations + ")" + (createdAt == null ? "" : " at " + createdAt);
    }

    @Override
    public List<Transformation<?>> getInputs() {
        return initialWorkset == null ? List.of(initial) : List.of(initial, initialWorkset);
    }
}
