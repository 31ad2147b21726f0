package io.eddy.api.windowing.windows;

/**
 * A group of elements of one key that a window function sees together. Windows are the namespace
 * of their contents' state and of their timers, so they must be immutable values (equals and
 * hashCode by value).
 */
public interface Window {
    /** The largest timestamp that still belongs to the window; its results carry this timestamp. */
    long maxTimestamp();
}
