package io.eddy.api.state;

import java.util.List;

/** A list of values per key, in the order they were added. Elements must not be null. */
public interface ListState<T> extends AppendingState<T, Iterable<T>> {
    /** The current key's elements (empty, never null); read-only, valid until the state is next changed. */
    @Override
    Iterable<T> get() throws Exception;

    void addAll(List<T> values) throws Exception;

    /** Replaces the current key's elements; an empty list clears them. */
    void update(List<T> values) throws Exception;
}
