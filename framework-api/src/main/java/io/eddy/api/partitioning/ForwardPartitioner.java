package io.eddy.api.partitioning;

/** Subtask i sends to subtask i of the next operator; both must have the same parallelism. */
public final class ForwardPartitioner<T> extends StreamPartitioner<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public int selectChannel(T record) {
        return 0;
    }

    @Override
    public boolean isPointwise() {
        return true;
    }

    @Override
    public String name() {
        return "FORWARD";
    }
}
