package io.eddy.api.state;

/**
 * The state of one operator in one subtask that is not scoped to keys. Each state is created on
 * first use and identified by its descriptor's name.
 */
public interface OperatorStateStore {
    /**
     * A list whose elements are split evenly among the subtasks when the operator is rescaled, e.g.
     * the splits a source reads.
     */
    <T> OperatorListState<T> getListState(ListStateDescriptor<T> descriptor);

    /** A list of which every subtask gets the elements of all subtasks when the operator is rescaled. */
    <T> OperatorListState<T> getUnionListState(ListStateDescriptor<T> descriptor);

    /** The broadcast state of a broadcast-connected operator. */
    <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor);
}
