package io.eddy.gelly.generator;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.gelly.Edge;

import java.util.ArrayList;
import java.util.List;

/**
 * A grid of any number of dimensions, added with {@link #addDimension}: a vertex per point, its id the
 * point's mixed-radix number (the first dimension varies fastest), and an edge each way between points
 * that differ by 1 in one coordinate; a dimension that wraps (of size above 2) also joins its last and
 * first coordinate. A dimension of size 1 adds nothing.
 */
public final class GridGraph extends StructuredGraph {
    private static final long serialVersionUID = 1L;

    private final List<long[]> dimensions = new ArrayList<>();

    public GridGraph(ExecutionEnvironment environment) {
        super(environment);
    }

    public GridGraph addDimension(long size, boolean wrapEndpoints) {
        if (size < 1) {
            throw new IllegalArgumentException("A grid dimension has size >= 1, not " + size);
        }
        dimensions.add(new long[] {size, wrapEndpoints ? 1 : 0});
        return this;
    }

    @Override
    public long vertexCount() {
        if (dimensions.isEmpty()) {
            throw new IllegalStateException("A grid needs at least one dimension: addDimension(size, wrap)");
        }
        long n = 1;
        for (long[] d : dimensions) {
            n = Math.multiplyExact(n, d[0]);
        }
        return n;
    }

    @Override
    protected void edgesOf(long vertex, Collector<Edge<Long, Void>> out) {
        long stride = 1;
        for (long[] d : dimensions) {
            long size = d[0];
            long coordinate = (vertex / stride) % size;
            boolean wrap = d[1] == 1 && size > 2;
            if (coordinate + 1 < size) {
                out.collect(new Edge<>(vertex, vertex + stride, null));
            } else if (wrap) {
                out.collect(new Edge<>(vertex, vertex - coordinate * stride, null));
            }
            if (coordinate > 0) {
                out.collect(new Edge<>(vertex, vertex - stride, null));
            } else if (wrap) {
                out.collect(new Edge<>(vertex, vertex + (size - 1) * stride, null));
            }
            stride *= size;
        }
    }
}
