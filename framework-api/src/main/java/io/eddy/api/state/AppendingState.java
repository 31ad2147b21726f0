package io.eddy.api.state;

/**
 * State that values are added to and that is read as a whole: the contents of a list, a running
 * reduction or an aggregate. Window operators keep the contents of each window in one.
 *
 * @param <IN> type of the values added
 * @param <OUT> type of what is read
 */
public interface AppendingState<IN, OUT> extends State {
    /** The current key's contents; null (or an empty iterable for lists) when there are none. */
    OUT get() throws Exception;

    /** Adds {@code value} to the current key's contents. */
    void add(IN value) throws Exception;
}
