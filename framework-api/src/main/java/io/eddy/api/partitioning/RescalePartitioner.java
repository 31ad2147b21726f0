package io.eddy.api.partitioning;

/**
 * Round robin over a local subset of downstream subtasks: with 2 producers and 4 consumers,
 * producer 0 feeds consumers 0 and 1, producer 1 feeds 2 and 3. Cheaper than rebalance because
 * each producer has fewer channels.
 */
public final class RescalePartitioner<T> extends StreamPartitioner<T> {
    private static final long serialVersionUID = 1L;

    private int next = -1;

    @Override
    public int selectChannel(T record) {
        int channel = next + 1 >= numberOfChannels ? 0 : next + 1;
        next = channel;
        return channel;
    }

    @Override
    public boolean isPointwise() {
        return true;
    }

    @Override
    public String name() {
        return "RESCALE";
    }
}
