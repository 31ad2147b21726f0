package io.eddy.api.dataset;

import io.eddy.api.dataset.aggregators.Aggregator;
import io.eddy.api.dataset.aggregators.ConvergenceCriterion;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.transformations.IterationHeadTransformation;
import io.eddy.api.transformations.SideOutputTransformation;

import java.io.Serializable;

/**
 * The partial solution of a bulk iteration, made by {@link DataSet#iterate(int)}: the transformations
 * applied to it form the step function, which runs once per superstep on the previous superstep's
 * result; {@link #closeWith} names that result and returns the iteration's final one.
 *
 * <pre>{@code
 * IterativeDataSet<Centroid> loop = centroids.iterate(10);
 * DataSet<Centroid> next = points.map(new SelectNearest()).withBroadcastSet(loop, "centroids")
 *         .groupBy(0).reduce(...).map(...);
 * DataSet<Centroid> result = loop.closeWith(next);
 * }</pre>
 *
 * <p>The iteration ends after {@link #getMaxIterations()} supersteps, when the termination criterion
 * given to {@link #closeWith(DataSet, DataSet)} is empty after a superstep, or when the registered
 * convergence criterion holds. It runs natively in one job: the step function's tasks are deployed
 * once and run every superstep.
 */
public final class IterativeDataSet<T> extends DataSet<T> {
    private final IterationHeadTransformation<T> head;

    IterativeDataSet(ExecutionEnvironment environment, IterationHeadTransformation<T> head) {
        super(environment, new DataStream<>(environment.streams(), head));
        this.head = head;
    }

    /** Ends the step function: {@code nextPartialSolution} is the input of the next superstep. Returns the iteration's result. */
    public DataSet<T> closeWith(DataSet<T> nextPartialSolution) {
        return closeWith(nextPartialSolution, null);
    }

    /**
     * Ends the step function like {@link #closeWith(DataSet)}; besides, the iteration ends after the
     * first superstep in which {@code terminationCriterion} (computed in the step function) is empty.
     */
    public DataSet<T> closeWith(DataSet<T> nextPartialSolution, DataSet<?> terminationCriterion) {
        if (nextPartialSolution == null) {
            throw new IllegalArgumentException("closeWith needs the next partial solution: the data set the step function computes");
        }
        head.closeBulk(nextPartialSolution.stream.getTransformation(),
                terminationCriterion == null ? null : terminationCriterion.stream.getTransformation());
        return new DataSet<>(environment, new DataStream<>(environment.streams(),
                new SideOutputTransformation<>(head, head.<T>getResultTag())));
    }

    public int getMaxIterations() {
        return head.getMaxIterations();
    }

    /**
     * Registers an aggregator that the step function's rich functions reach through
     * {@code getIterationRuntimeContext().getIterationAggregator(name)}.
     */
    public IterativeDataSet<T> registerAggregator(String name, Aggregator<?> aggregator) {
        head.registerAggregator(name, aggregator);
        return this;
    }

    /**
     * Registers {@code aggregator} under {@code name} and ends the iteration after the first superstep
     * whose combined aggregate satisfies {@code criterion}.
     */
    public <X extends Serializable> IterativeDataSet<T> registerAggregationConvergenceCriterion(String name,
            Aggregator<X> aggregator, ConvergenceCriterion<X> criterion) {
        head.setConvergenceCriterion(name, aggregator, criterion);
        return this;
    }

    @Override
    public IterativeDataSet<T> name(String name) {
        head.setName(name);
        return this;
    }

    @Override
    public IterativeDataSet<T> setParallelism(int parallelism) {
        head.setParallelism(parallelism);
        return this;
    }
}
