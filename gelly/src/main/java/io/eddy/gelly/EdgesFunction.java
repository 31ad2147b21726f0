package io.eddy.gelly;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.Function;

/**
 * Gets each vertex with all its edges in one direction ({@link Graph#groupReduceOnEdges}), once per
 * vertex, also for a vertex without edges (then {@code edges} is empty). Edges come as stored: for
 * {@link EdgeDirection#IN} the vertex is their target, for {@link EdgeDirection#OUT} their source.
 */
@FunctionalInterface
public interface EdgesFunction<K, VV, EV, O> extends Function {
    void iterateEdges(Vertex<K, VV> vertex, Iterable<Edge<K, EV>> edges, Collector<O> out) throws Exception;
}
