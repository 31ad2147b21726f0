package io.eddy.api.functions;

import io.eddy.api.state.AggregatingState;
import io.eddy.api.state.AggregatingStateDescriptor;
import io.eddy.api.state.ListState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.MapState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.ReducingState;
import io.eddy.api.state.ReducingStateDescriptor;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;

/** What a rich function can learn about the parallel subtask it runs in. */
public interface RuntimeContext {
    /** The operator's name, as given by {@code name(...)} or derived from the function. */
    String getTaskName();

    /** 0-based index of this parallel subtask. */
    int getIndexOfThisSubtask();

    int getNumberOfParallelSubtasks();

    /** Upper bound for the parallelism and the number of key groups of keyed state. */
    int getMaxNumberOfParallelSubtasks();

    /** 0 for the first run of this subtask, incremented on every restart. */
    int getAttemptNumber();

    String getJobId();

    ClassLoader getUserCodeClassLoader();

    // Keyed state, scoped to the key of the element being processed. Available when the function
    // runs on a KeyedStream (after keyBy); elsewhere these throw an IllegalStateException.
    // Obtain the state objects in open() and keep them.

    <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

    <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

    <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> descriptor);

    <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor);

    <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(AggregatingStateDescriptor<IN, ACC, OUT> descriptor);
}
