package io.eddy.api.partitioning;

import java.io.Serializable;

/**
 * Decides which downstream channel (subtask) receives each record of an exchange. Each producing
 * subtask gets its own instance, so round-robin counters need no synchronization.
 */
public abstract class StreamPartitioner<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    protected int numberOfChannels;

    /** Called once by the producing subtask before the first record. */
    public void setup(int numberOfChannels) {
        this.numberOfChannels = numberOfChannels;
    }

    /** The channel of {@code record}; ignored when {@link #isBroadcast()}. */
    public abstract int selectChannel(T record) throws Exception;

    /** True when each record goes to every channel. */
    public boolean isBroadcast() {
        return false;
    }

    /**
     * True when producer i talks only to a subset of consumers near i (forward, rescale) instead of
     * to all of them; decides how the runtime wires the channels.
     */
    public boolean isPointwise() {
        return false;
    }

    /** Name shown in the execution plan, e.g. {@code HASH}, {@code REBALANCE}. */
    public abstract String name();

    @Override
    public String toString() {
        return name();
    }
}
