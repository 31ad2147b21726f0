package io.eddy.api.eventtime;

import java.time.Duration;

/**
 * Wraps a generator and marks the input idle when no element arrived for a while, so that a
 * quiet partition does not hold back the watermark of everything downstream. The clock is read
 * only at the periodic emission, never per element.
 */
final class WatermarksWithIdleness<T> implements WatermarkGenerator<T> {
    private final WatermarkGenerator<T> generator;
    private final WatermarkGeneratorSupplier.Context clock;
    private final long timeout;
    private long lastActive;
    private boolean sawEvent;
    private boolean idle;

    WatermarksWithIdleness(WatermarkGenerator<T> generator, WatermarkGeneratorSupplier.Context clock, Duration timeout) {
        this.generator = generator;
        this.clock = clock;
        this.timeout = timeout.toMillis();
        this.lastActive = clock.currentProcessingTime();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        sawEvent = true;
        generator.onEvent(event, eventTimestamp, output);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.currentProcessingTime();
        if (sawEvent) {
            sawEvent = false;
            idle = false;
            lastActive = now;
        } else if (now - lastActive >= timeout) {
            if (!idle) {
                idle = true;
                output.markIdle();
            }
            return;
        }
        generator.onPeriodicEmit(output);
    }
}
