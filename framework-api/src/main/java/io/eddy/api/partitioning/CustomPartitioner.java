package io.eddy.api.partitioning;

import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.Partitioner;

/** The user's {@link Partitioner} applied to a key; see {@code partitionCustom}. */
public final class CustomPartitioner<T, K> extends StreamPartitioner<T> {
    private static final long serialVersionUID = 1L;

    private final Partitioner<K> partitioner;
    private final KeySelector<T, K> keySelector;

    public CustomPartitioner(Partitioner<K> partitioner, KeySelector<T, K> keySelector) {
        this.partitioner = partitioner;
        this.keySelector = keySelector;
    }

    @Override
    public int selectChannel(T record) throws Exception {
        int channel = partitioner.partition(keySelector.getKey(record), numberOfChannels);
        if (channel < 0 || channel >= numberOfChannels) {
            throw new IllegalStateException("The custom partitioner " + partitioner.getClass().getName()
                    + " returned channel " + channel + ", outside 0.." + (numberOfChannels - 1));
        }
        return channel;
    }

    @Override
    public String name() {
        return "CUSTOM";
    }
}
