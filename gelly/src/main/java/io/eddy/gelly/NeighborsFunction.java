package io.eddy.gelly;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.Function;

/**
 * Gets each vertex with all its neighbours in one direction ({@link Graph#groupReduceOnNeighbors}), once per
 * vertex, also for a vertex without neighbours (then {@code neighbors} is empty). A neighbour joined by
 * several edges appears once per edge.
 */
@FunctionalInterface
public interface NeighborsFunction<K, VV, EV, O> extends Function {
    void iterateNeighbors(Vertex<K, VV> vertex, Iterable<Neighbor<K, VV, EV>> neighbors, Collector<O> out) throws Exception;
}
