package io.eddy.gelly;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.DeltaIteration;
import io.eddy.api.dataset.aggregators.Aggregator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of an iteration model run (scatter-gather, gather-sum-apply, vertex-centric): the iteration's
 * name and parallelism, whether the solution set (the vertices) is kept on the heap instead of in
 * managed memory, the direction in which values travel, aggregators, and broadcast sets for the
 * functions. Defaults: the environment's parallelism, solution set in managed memory, {@link EdgeDirection#OUT}.
 */
public final class IterationOptions {
    private String name = "Graph iteration";
    private int parallelism = -1;
    private boolean solutionSetUnmanaged;
    private EdgeDirection direction = EdgeDirection.OUT;
    private boolean degreesAvailable;
    private final Map<String, Aggregator<?>> aggregators = new LinkedHashMap<>();
    private final Map<String, DataSet<?>> broadcastSets = new LinkedHashMap<>();

    public IterationOptions setName(String name) {
        this.name = name;
        return this;
    }

    public IterationOptions setParallelism(int parallelism) {
        this.parallelism = parallelism;
        return this;
    }

    /** Keeps the vertices (the solution set) as objects on the heap instead of serialized in managed memory. */
    public IterationOptions setSolutionSetUnmanagedMemory(boolean unmanaged) {
        this.solutionSetUnmanaged = unmanaged;
        return this;
    }

    /** Along which edges messages (or gathered values) travel: OUT along edges, IN against them, ALL both ways. */
    public IterationOptions setDirection(EdgeDirection direction) {
        this.direction = direction;
        return this;
    }

    public EdgeDirection getDirection() {
        return direction;
    }

    /**
     * Lets the functions read each vertex's in- and out-degree ({@code getInDegree()}, {@code getOutDegree()})
     * whatever the direction, in all three iteration models (in gather-sum-apply, the gather function reads
     * those of the neighbour it gathers from). Off by default because it costs: scatter-gather and
     * gather-sum-apply count the degrees before the iteration and carry them with every vertex value;
     * vertex-centric makes every superstep carry all of a vertex's edges, not only those of the direction.
     */
    public IterationOptions setDegreesAvailable(boolean available) {
        this.degreesAvailable = available;
        return this;
    }

    public boolean isDegreesAvailable() {
        return degreesAvailable;
    }

    public IterationOptions registerAggregator(String name, Aggregator<?> aggregator) {
        aggregators.put(name, aggregator);
        return this;
    }

    /** Makes {@code set} available to the functions as {@code getBroadcastSet(name)}. */
    public IterationOptions addBroadcastSet(String name, DataSet<?> set) {
        broadcastSets.put(name, set);
        return this;
    }

    /** Applies name, parallelism, memory and aggregators to the delta iteration. */
    public <S, W> DeltaIteration<S, W> configure(DeltaIteration<S, W> iteration) {
        iteration.name(name).setSolutionSetUnManaged(solutionSetUnmanaged);
        if (parallelism > 0) {
            iteration.parallelism(parallelism);
        }
        aggregators.forEach(iteration::registerAggregator);
        return iteration;
    }

    /** Gives {@code operation} every broadcast set. */
    public <T> DataSet<T> withBroadcastSets(DataSet<T> operation) {
        broadcastSets.forEach((n, set) -> operation.withBroadcastSet(set, n));
        return operation;
    }
}
