package io.eddy.api.state;

/**
 * Holds the keyed state of one operator in one subtask, for the key groups of its
 * {@link KeyGroupRange}. The operator sets the current key before each element; state objects
 * then read and write the value of that key.
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

    /** The value state of this descriptor, created on first use. */
    <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

    /** Releases the state; the backend is unusable afterwards. */
    void dispose();
}
