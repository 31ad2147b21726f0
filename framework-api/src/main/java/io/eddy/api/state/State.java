package io.eddy.api.state;

/**
 * A piece of keyed state, scoped to the key of the element being processed. State never holds
 * null: a state without content reads as absent (null or empty).
 */
public interface State {
    /** Removes the content for the current key. */
    void clear();
}
