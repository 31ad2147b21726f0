package io.eddy.gelly.generator;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.gelly.Edge;

/** The path on {@code n} vertices: an edge each way between {@code v} and {@code v + 1} for {@code v < n - 1}. */
public final class PathGraph extends StructuredGraph {
    private static final long serialVersionUID = 1L;

    private final long n;

    public PathGraph(ExecutionEnvironment environment, long n) {
        super(environment);
        this.n = n;
    }

    @Override
    public long vertexCount() {
        return n;
    }

    @Override
    protected void edgesOf(long vertex, Collector<Edge<Long, Void>> out) {
        if (vertex > 0) {
            out.collect(new Edge<>(vertex, vertex - 1, null));
        }
        if (vertex + 1 < n) {
            out.collect(new Edge<>(vertex, vertex + 1, null));
        }
    }
}
