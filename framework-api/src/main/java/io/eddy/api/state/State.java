package io.eddy.api.state;

/** A piece of keyed state, scoped to the key of the element being processed. */
public interface State {
    /** Removes the value for the current key. */
    void clear();
}
