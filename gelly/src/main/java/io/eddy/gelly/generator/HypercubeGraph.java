package io.eddy.gelly.generator;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.gelly.Edge;

/** The hypercube of {@code dimensions} dimensions: {@code 2^dimensions} vertices, an edge each way between ids that differ in one bit. */
public final class HypercubeGraph extends StructuredGraph {
    private static final long serialVersionUID = 1L;

    private final int dimensions;

    public HypercubeGraph(ExecutionEnvironment environment, int dimensions) {
        super(environment);
        if (dimensions < 1 || dimensions > 62) {
            throw new IllegalArgumentException("A hypercube has 1 to 62 dimensions, not " + dimensions);
        }
        this.dimensions = dimensions;
    }

    @Override
    public long vertexCount() {
        return 1L << dimensions;
    }

    @Override
    protected void edgesOf(long vertex, Collector<Edge<Long, Void>> out) {
        for (int bit = 0; bit < dimensions; bit++) {
            out.collect(new Edge<>(vertex, vertex ^ (1L << bit), null));
        }
    }
}
