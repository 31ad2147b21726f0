package io.eddy.gelly.generator;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.gelly.Edge;

/** {@code n} vertices and no edge. */
public final class EmptyGraph extends StructuredGraph {
    private static final long serialVersionUID = 1L;

    private final long n;

    public EmptyGraph(ExecutionEnvironment environment, long n) {
        super(environment);
        this.n = n;
    }

    @Override
    public long vertexCount() {
        return n;
    }

    @Override
    protected void edgesOf(long vertex, Collector<Edge<Long, Void>> out) {}
}
