package io.eddy.api.eventtime;

import java.time.Duration;

/**
 * Watermarks for elements that arrive at most a fixed delay out of order: the watermark trails
 * the highest timestamp seen by that delay, so an element no later than that is never late.
 */
public class BoundedOutOfOrdernessWatermarks<T> implements WatermarkGenerator<T> {
    private final long delay;
    /** Starts so that {@code maxTimestamp - delay - 1} cannot underflow. */
    private long maxTimestamp;

    public BoundedOutOfOrdernessWatermarks(Duration maxOutOfOrderness) {
        if (maxOutOfOrderness.isNegative()) {
            throw new IllegalArgumentException("The maximum out-of-orderness must not be negative: " + maxOutOfOrderness);
        }
        this.delay = maxOutOfOrderness.toMillis();
        this.maxTimestamp = Long.MIN_VALUE + delay + 1;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp > maxTimestamp) {
            maxTimestamp = eventTimestamp;
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(maxTimestamp - delay - 1));
    }
}
