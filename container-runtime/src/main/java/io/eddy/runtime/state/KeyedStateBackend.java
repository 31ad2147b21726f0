package io.eddy.runtime.state;

import io.eddy.api.state.AggregatingState;
import io.eddy.api.state.AggregatingStateDescriptor;
import io.eddy.api.state.AppendingState;
import io.eddy.api.state.ListState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.MapState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.ReducingState;
import io.eddy.api.state.ReducingStateDescriptor;
import io.eddy.api.state.State;
import io.eddy.api.state.StateDescriptor;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.keygroups.KeyGroupRange;

/**
 * Holds the keyed state of one operator in one subtask, for the key groups of its
 * {@link KeyGroupRange}. The operator sets the current key before each element; state objects
 * then read and write the content of that key.
 *
 * <p>Each state is created on first use and identified by its descriptor's name: asking again with
 * the same name returns the same state, and a different kind or type under that name is an error.
 *
 * <p>Used by the task thread only.
 */
public interface KeyedStateBackend<K> {
    /**
     * Makes {@code key} current.
     *
     * @throws IllegalStateException when the key belongs to a key group of another subtask, which
     *     happens when a key selector is not deterministic
     */
    void setCurrentKey(K key);

    K getCurrentKey();

    int getCurrentKeyGroup();

    KeyGroupRange getKeyGroupRange();

    <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

    <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

    <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> descriptor);

    <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor);

    <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(AggregatingStateDescriptor<IN, ACC, OUT> descriptor);

    /**
     * The state of {@code descriptor} with content per key and namespace (e.g. per window), created
     * on first use. The returned object is also an {@link InternalKvState InternalKvState&lt;K, N&gt;},
     * whose {@link InternalKvState#setCurrentNamespace} selects the namespace; list, reducing and
     * aggregating states are {@link InternalMergingState}s. States of the same name must agree in
     * kind, type, time-to-live and namespace type.
     *
     * @param namespaceSerializer writes the namespaces when the state is snapshotted
     */
    <N, S extends State> S getPartitionedState(StateDescriptor<S, ?> descriptor, TypeSerializer<N> namespaceSerializer);

    /**
     * For window operators: the appending state (list, reducing or aggregating) that holds the
     * contents of each (key, window), with {@link InternalMergingState#mergeNamespaces} for merging
     * windows.
     */
    <N, IN, OUT> InternalMergingState<K, N, IN, OUT> getMergingState(
            StateDescriptor<? extends AppendingState<IN, OUT>, ?> descriptor, TypeSerializer<N> namespaceSerializer);

    /**
     * Calls {@code function} for every key that has content in the described state, with that key
     * current; the function may change or clear the state. The previous current key is restored
     * afterwards.
     */
    <S extends State> void applyToAllKeys(StateDescriptor<S, ?> descriptor, KeyedStateFunction<K, S> function)
            throws Exception;

    /**
     * Drops the content of every state in the current key's key group. BATCH mode uses it at the end
     * of each key, when that key is the only one holding state.
     */
    void clearCurrentKeyGroup();

    /** Releases the state; the backend is unusable afterwards. */
    void dispose();
}
