package io.eddy.gelly.generator;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.gelly.Edge;

/** The star on {@code n} vertices: an edge each way between the centre {@code 0} and each of {@code 1 .. n-1}. */
public final class StarGraph extends StructuredGraph {
    private static final long serialVersionUID = 1L;

    private final long n;

    public StarGraph(ExecutionEnvironment environment, long n) {
        super(environment);
        this.n = n;
    }

    @Override
    public long vertexCount() {
        return n;
    }

    @Override
    protected void edgesOf(long vertex, Collector<Edge<Long, Void>> out) {
        if (vertex == 0) {
            for (long leaf = 1; leaf < n; leaf++) {
                out.collect(new Edge<>(0L, leaf, null));
            }
        } else {
            out.collect(new Edge<>(vertex, 0L, null));
        }
    }
}
