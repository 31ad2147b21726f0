package io.eddy.api.partitioning;

/** Every record to the first downstream subtask. */
public final class GlobalPartitioner<T> extends StreamPartitioner<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public int selectChannel(T record) {
        return 0;
    }

    @Override
    public String name() {
        return "GLOBAL";
    }
}
