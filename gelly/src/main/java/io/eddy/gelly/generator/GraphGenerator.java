package io.eddy.gelly.generator;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.Vertex;

import java.io.Serializable;

/**
 * A generated graph: its vertices are {@code 0 .. n-1} and its edges a pure function of an index (a vertex
 * for the {@link StructuredGraph regular families}, an edge number for {@link RMatGraph}), so every subtask
 * generates its share from an index range without shipping anything. Generated graphs have {@code Long}
 * ids and no values ({@code Void}).
 */
public abstract class GraphGenerator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final transient ExecutionEnvironment environment;
    private int parallelism = -1;

    protected GraphGenerator(ExecutionEnvironment environment) {
        this.environment = environment;
    }

    /** The parallelism of the generating operators (default: the environment's). */
    public GraphGenerator setParallelism(int parallelism) {
        this.parallelism = parallelism;
        return this;
    }

    /** The number of vertices, {@code n}. */
    public abstract long vertexCount();

    /** Records the operations that generate the graph. */
    public abstract Graph<Long, Void, Void> generate();

    /** Vertices {@code 0 .. n-1} without values. */
    protected DataSet<Vertex<Long, Void>> vertices(long n) {
        return withParallelism(vertexRange(n).map(new IdToVertex()).returns(Vertex.type(Types.LONG, Types.VOID)));
    }

    protected DataSet<Long> vertexRange(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("A graph has at least 0 vertices, not " + n);
        }
        return withParallelism(n == 0 ? environment.fromCollection(java.util.List.of(), Types.LONG)
                : environment.generateSequence(0, n - 1));
    }

    protected <T> DataSet<T> withParallelism(DataSet<T> data) {
        return parallelism > 0 ? data.setParallelism(parallelism) : data;
    }

    protected ExecutionEnvironment environment() {
        return environment;
    }

    private record IdToVertex() implements MapFunction<Long, Vertex<Long, Void>> {
        @Override
        public Vertex<Long, Void> map(Long id) {
            return new Vertex<>(id, null);
        }
    }
}
