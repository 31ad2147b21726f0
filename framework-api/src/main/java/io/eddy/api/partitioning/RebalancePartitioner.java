package io.eddy.api.partitioning;

import java.util.concurrent.ThreadLocalRandom;

/** Round robin over all downstream subtasks, starting at a random one so producers do not pile onto subtask 0. */
public final class RebalancePartitioner<T> extends StreamPartitioner<T> {
    private static final long serialVersionUID = 1L;

    private int next;

    @Override
    public void setup(int numberOfChannels) {
        super.setup(numberOfChannels);
        next = ThreadLocalRandom.current().nextInt(numberOfChannels);
    }

    @Override
    public int selectChannel(T record) {
        int channel = next;
        next = channel + 1 == numberOfChannels ? 0 : channel + 1;
        return channel;
    }

    @Override
    public String name() {
        return "REBALANCE";
    }
}
