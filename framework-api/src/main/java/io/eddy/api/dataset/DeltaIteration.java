package io.eddy.api.dataset;

import io.eddy.api.dataset.aggregators.Aggregator;
import io.eddy.api.dataset.aggregators.ConvergenceCriterion;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.transformations.IterationHeadTransformation;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.transformations.SideOutputTransformation;
import io.eddy.api.transformations.SolutionSetTransformation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;

import java.io.Serializable;

/**
 * A delta iteration, made by {@link DataSet#iterateDelta}: a solution set, kept by key, and a workset.
 * Each superstep the step function reads the workset ({@link #getWorkset()}), may join or co-group with
 * the solution set on its key ({@link #getSolutionSet()}), and computes a solution set delta, whose
 * records replace those of equal key in the solution set (or are added), and the next workset.
 * The iteration ends when the workset is empty after a superstep, when a convergence criterion holds
 * ({@link #registerAggregationConvergenceCriterion}), or after {@code maxIterations} supersteps; its
 * result is the solution set.
 *
 * <pre>{@code
 * DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> it = labels.iterateDelta(labels, 100, 0);
 * DataSet<Tuple2<Long, Long>> changes = it.getWorkset().join(edges).where(0).equalTo(0).with(...)
 *         .groupBy(0).aggregate(MIN, 1)
 *         .join(it.getSolutionSet()).where(0).equalTo(0).with(...);   // keep the smaller labels
 * DataSet<Tuple2<Long, Long>> result = it.closeWith(changes, changes);
 * }</pre>
 *
 * <p>The solution set's key is given by field positions or names, or by a {@link
 * io.eddy.api.functions.KeySelector} ({@code iterateDelta(workset, 100, vertex -> vertex.id)}); a join
 * or co-group with a solution set keyed by a selector names its key with a selector too ({@code
 * .join(it.getSolutionSet()).where(0).equalTo(vertex -> vertex.id)}), and the lookup uses the
 * iteration's selector.
 *
 * <p>The solution set lives in managed memory per subtask (each holds the keys hashed to it), or on
 * the heap with {@link #setSolutionSetUnManaged(boolean) setSolutionSetUnManaged(true)}.
 */
public final class DeltaIteration<ST, WT> {
    private final ExecutionEnvironment environment;
    private final IterationHeadTransformation<WT> head;
    private final KeyFields keys;
    /** The key of a solution set keyed by a KeySelector, whose records are stored paired with it; else null. */
    private final SelectorKey<ST, ?> selectorKey;
    private final TypeInfo<ST> solutionSetType;
    private final DataSet<ST> solutionSet;
    private final DataSet<WT> workset;

    DeltaIteration(ExecutionEnvironment environment, DataSet<ST> initialSolutionSet, DataSet<WT> initialWorkset,
            KeyFields keys, int maxIterations) {
        this(environment, initialSolutionSet, initialWorkset, keys, null, maxIterations);
    }

    DeltaIteration(ExecutionEnvironment environment, DataSet<ST> initialSolutionSet, DataSet<WT> initialWorkset,
            SelectorKey<ST, ?> selectorKey, int maxIterations) {
        this(environment, initialSolutionSet, initialWorkset, KeyFields.of(0), selectorKey, maxIterations);
    }

    private DeltaIteration(ExecutionEnvironment environment, DataSet<ST> initialSolutionSet, DataSet<WT> initialWorkset,
            KeyFields keys, SelectorKey<ST, ?> selectorKey, int maxIterations) {
        this.environment = environment;
        this.keys = keys;
        this.selectorKey = selectorKey;
        this.solutionSetType = initialSolutionSet.getType();
        DataSet<?> stored = stored(initialSolutionSet);
        // the solution set is split among the subtasks by key, like every input that looks it up
        this.head = new IterationHeadTransformation<>(IterationHeadTransformation.Kind.DELTA,
                stored.hashPartitioned(keys).stream.getTransformation(),
                initialWorkset.stream.getTransformation(), keys, maxIterations, initialWorkset.getType(),
                stored.getType(), Transformation.DEFAULT_PARALLELISM);
        this.solutionSet = new DataSet<>(environment, new DataStream<>(environment.streams(),
                new SolutionSetTransformation<>(head, solutionSetType, selectorKey == null ? null : selectorKey.keyType())));
        this.workset = new DataSet<>(environment, new DataStream<>(environment.streams(), head));
    }

    /** The records as the solution set stores them: paired with their keys when a KeySelector gives the key. */
    private DataSet<?> stored(DataSet<ST> records) {
        return selectorKey == null ? records : selectorKey.pair(records);
    }

    /** The solution set as the step function sees it: join or co-group it on its key, nothing else. */
    public DataSet<ST> getSolutionSet() {
        return solutionSet;
    }

    /** The workset of the current superstep. */
    public DataSet<WT> getWorkset() {
        return workset;
    }

    /**
     * Ends the step function: {@code solutionSetDelta} updates the solution set by key, {@code newWorkset}
     * is the next superstep's workset. Returns the iteration's result, the final solution set.
     */
    public DataSet<ST> closeWith(DataSet<ST> solutionSetDelta, DataSet<WT> newWorkset) {
        if (solutionSetDelta == null || newWorkset == null) {
            throw new IllegalArgumentException("closeWith needs the solution set delta and the next workset");
        }
        head.closeDelta(stored(solutionSetDelta).hashPartitioned(keys).stream.getTransformation(), newWorkset.stream.getTransformation());
        if (selectorKey == null) {
            return new DataSet<>(environment, new DataStream<>(environment.streams(),
                    new SideOutputTransformation<>(head, head.<ST>getResultTag())));
        }
        DataSet<Tuple2<Object, ST>> pairs = new DataSet<>(environment, new DataStream<>(environment.streams(),
                new SideOutputTransformation<>(head, head.<Tuple2<Object, ST>>getResultTag())));
        return SelectorKey.unpair(pairs, solutionSetType);
    }

    public int getMaxIterations() {
        return head.getMaxIterations();
    }

    /** Runs the iteration (its head and the solution set) with {@code parallelism} subtasks. */
    public DeltaIteration<ST, WT> parallelism(int parallelism) {
        head.setParallelism(parallelism);
        return this;
    }

    public int getParallelism() {
        return head.getParallelism();
    }

    public DeltaIteration<ST, WT> name(String name) {
        head.setName(name);
        return this;
    }

    public String getName() {
        return head.getName();
    }

    /** Keeps the solution set in objects on the heap instead of serialized in managed memory. */
    public DeltaIteration<ST, WT> setSolutionSetUnManaged(boolean unmanaged) {
        head.setSolutionSetUnmanaged(unmanaged);
        return this;
    }

    public boolean isSolutionSetUnManaged() {
        return head.isSolutionSetUnmanaged();
    }

    /** See {@link IterativeDataSet#registerAggregator}. */
    public DeltaIteration<ST, WT> registerAggregator(String name, Aggregator<?> aggregator) {
        head.registerAggregator(name, aggregator);
        return this;
    }

    /**
     * Registers {@code aggregator} under {@code name} and ends the iteration after the first superstep
     * whose combined aggregate satisfies {@code criterion}, even while the workset is not empty.
     */
    public <X extends Serializable> DeltaIteration<ST, WT> registerAggregationConvergenceCriterion(String name,
            Aggregator<X> aggregator, ConvergenceCriterion<X> criterion) {
        head.setConvergenceCriterion(name, aggregator, criterion);
        return this;
    }

    /** The key fields of the solution set; null when it is keyed by field names or by a KeySelector. */
    public int[] getSolutionSetKeyFields() {
        return selectorKey != null || keys.positions() == null ? null : keys.positions().clone();
    }
}
