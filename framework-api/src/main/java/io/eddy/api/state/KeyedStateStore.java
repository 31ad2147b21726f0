package io.eddy.api.state;

/**
 * Where functions get keyed state, scoped to the key of the element being processed: the runtime
 * context of a function on a keyed stream, or the per-window and global state of a window function.
 * Obtain the state objects once (in {@code open()}) and keep them.
 *
 * <p>Off a keyed stream (no {@code keyBy}) these throw an {@link IllegalStateException}.
 */
public interface KeyedStateStore {
    <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

    <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

    <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> descriptor);

    <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor);

    <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(AggregatingStateDescriptor<IN, ACC, OUT> descriptor);
}
