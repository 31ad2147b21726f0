package io.eddy.gelly;

/**
 * An algorithm over a graph ({@link Graph#run}): it adds its operations to the graph's program and
 * returns their result, a data set or a new graph, without running a job itself unless it says so.
 */
@FunctionalInterface
public interface GraphAlgorithm<K, VV, EV, T> {
    T run(Graph<K, VV, EV> graph) throws Exception;
}
