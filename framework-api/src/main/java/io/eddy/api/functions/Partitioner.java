package io.eddy.api.functions;

/** Chooses the downstream subtask (0 .. numPartitions-1) for a key; see {@code partitionCustom}. */
@FunctionalInterface
public interface Partitioner<K> extends Function {
    int partition(K key, int numPartitions);
}
