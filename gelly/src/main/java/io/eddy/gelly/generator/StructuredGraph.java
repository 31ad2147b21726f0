package io.eddy.gelly.generator;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.Graph;

/**
 * A regular family of graphs (grid, complete, cycle, ...): the edges that leave each vertex are a
 * function of the vertex alone. The undirected families hold every edge in both directions.
 */
public abstract class StructuredGraph extends GraphGenerator {
    private static final long serialVersionUID = 1L;

    protected StructuredGraph(ExecutionEnvironment environment) {
        super(environment);
    }

    /** Emits the edges that leave {@code vertex}. */
    protected abstract void edgesOf(long vertex, Collector<Edge<Long, Void>> out);

    @Override
    public Graph<Long, Void, Void> generate() {
        long n = vertexCount();
        DataSet<Edge<Long, Void>> edges = withParallelism(vertexRange(n).flatMap(new EdgesOfVertex(this))
                .returns(Edge.type(Types.LONG, Types.VOID)));
        return Graph.fromDataSet(vertices(n), edges);
    }

    private record EdgesOfVertex(StructuredGraph generator) implements FlatMapFunction<Long, Edge<Long, Void>> {
        @Override
        public void flatMap(Long vertex, Collector<Edge<Long, Void>> out) {
            generator.edgesOf(vertex, out);
        }
    }
}
