package io.eddy.api.eventtime;

/** Where a {@link WatermarkGenerator} emits. Watermarks that do not advance are dropped. */
public interface WatermarkOutput {
    /** No element with a timestamp ≤ {@code watermark.getTimestamp()} is expected any more. */
    void emitWatermark(Watermark watermark);

    /**
     * This input has no data for now: downstream operators stop waiting for its watermark and
     * follow their other inputs. Emitting a watermark makes the input active again.
     */
    void markIdle();
}
