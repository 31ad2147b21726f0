package io.eddy.api.eventtime;

import java.io.Serializable;

/** Reads the event timestamp (epoch milliseconds) out of an element. */
@FunctionalInterface
public interface TimestampAssigner<T> extends Serializable {
    /**
     * @param recordTimestamp the timestamp the element already carries, or {@code Long.MIN_VALUE}
     */
    long extractTimestamp(T element, long recordTimestamp);
}
