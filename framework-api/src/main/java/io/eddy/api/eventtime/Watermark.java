package io.eddy.api.eventtime;

import java.io.Serializable;

/**
 * A point in event time that a stream has reached: no element with a timestamp ≤
 * {@link #timestamp()} is expected any more. Watermark generators emit them through
 * {@link WatermarkOutput}.
 */
public record Watermark(long timestamp) implements Serializable {
    /** The end of event time: the input is complete. */
    public static final Watermark MAX_WATERMARK = new Watermark(Long.MAX_VALUE);

    /** Same as {@link #timestamp()}; the name Flink programs use. */
    public long getTimestamp() {
        return timestamp;
    }
}
