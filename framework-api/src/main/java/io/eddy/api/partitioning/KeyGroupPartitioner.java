package io.eddy.api.partitioning;

import io.eddy.api.functions.KeySelector;
import io.eddy.api.state.KeyGroups;

/**
 * The exchange before a keyed operator: a record goes to the subtask owning its key's key group,
 * so all records of a key meet in one subtask, at any parallelism.
 */
public final class KeyGroupPartitioner<T, K> extends StreamPartitioner<T> {
    private static final long serialVersionUID = 1L;

    private final KeySelector<T, K> keySelector;
    private final int maxParallelism;

    public KeyGroupPartitioner(KeySelector<T, K> keySelector, int maxParallelism) {
        this.keySelector = keySelector;
        this.maxParallelism = maxParallelism;
    }

    /** This partitioner for a consumer with {@code maxParallelism} key groups. */
    public KeyGroupPartitioner<T, K> withMaxParallelism(int maxParallelism) {
        return new KeyGroupPartitioner<>(keySelector, maxParallelism);
    }

    public KeySelector<T, K> getKeySelector() {
        return keySelector;
    }

    @Override
    public int selectChannel(T record) throws Exception {
        K key = keySelector.getKey(record);
        if (key == null) {
            throw new NullPointerException("The key selector returned null for " + record + ": keys must not be null");
        }
        return KeyGroups.operatorIndexForKey(key, maxParallelism, numberOfChannels);
    }

    @Override
    public String name() {
        return "HASH";
    }
}
