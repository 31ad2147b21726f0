package io.eddy.gelly.generator;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.gelly.Edge;

/** The complete graph on {@code n} vertices: an edge from every vertex to every other ({@code n(n-1)} edges). */
public final class CompleteGraph extends StructuredGraph {
    private static final long serialVersionUID = 1L;

    private final long n;

    public CompleteGraph(ExecutionEnvironment environment, long n) {
        super(environment);
        this.n = n;
    }

    @Override
    public long vertexCount() {
        return n;
    }

    @Override
    protected void edgesOf(long vertex, Collector<Edge<Long, Void>> out) {
        for (long other = 0; other < n; other++) {
            if (other != vertex) {
                out.collect(new Edge<>(vertex, other, null));
            }
        }
    }
}
