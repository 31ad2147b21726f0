package io.eddy.gelly.generator;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.gelly.Edge;

/** {@code pairs} disjoint edges: {@code 2·pairs} vertices, an edge each way between {@code 2i} and {@code 2i + 1}. */
public final class SingletonEdgeGraph extends StructuredGraph {
    private static final long serialVersionUID = 1L;

    private final long pairs;

    public SingletonEdgeGraph(ExecutionEnvironment environment, long pairs) {
        super(environment);
        this.pairs = pairs;
    }

    @Override
    public long vertexCount() {
        return 2 * pairs;
    }

    @Override
    protected void edgesOf(long vertex, Collector<Edge<Long, Void>> out) {
        out.collect(new Edge<>(vertex, vertex ^ 1, null));
    }
}
