package io.eddy.api.windowing.assigners;

import java.io.Serializable;

/** The session gap that follows an element: a session ends when no element arrives within the gap. */
@FunctionalInterface
public interface SessionWindowTimeGapExtractor<T> extends Serializable {
    /** The gap in milliseconds, positive. */
    long extract(T element);
}
