package io.eddy.api.state;

/** One value per key. */
public interface ValueState<T> extends State {
    /** The current key's value, or null if it has none. */
    T value() throws Exception;

    /** Sets the current key's value; null clears it. */
    void update(T value) throws Exception;
}
