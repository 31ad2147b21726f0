package io.eddy.api.partitioning;

/** Every record to every downstream subtask. */
public final class BroadcastPartitioner<T> extends StreamPartitioner<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public int selectChannel(T record) {
        throw new UnsupportedOperationException("A broadcast exchange sends to all channels");
    }

    @Override
    public boolean isBroadcast() {
        return true;
    }

    @Override
    public String name() {
        return "BROADCAST";
    }
}
