package io.eddy.api.state;

import java.util.List;

/**
 * A list of elements held by one subtask of an operator (not per key). When the operator is
 * rescaled, the elements are redistributed among the new subtasks as the state was registered:
 * split evenly, or all to every subtask (union).
 */
public interface OperatorListState<T> {
    /** The elements, read-only; valid until the state is next changed. */
    Iterable<T> get();

    void add(T value);

    void addAll(List<T> values);

    /** Replaces the elements; an empty list clears them. */
    void update(List<T> values);

    void clear();
}
