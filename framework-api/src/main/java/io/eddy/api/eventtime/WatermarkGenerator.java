package io.eddy.api.eventtime;

/**
 * Decides the watermarks of a stream from its elements. Called by the task thread only: on every
 * element, and periodically every {@code pipeline.auto-watermark-interval}.
 */
public interface WatermarkGenerator<T> {
    /** Sees every element with its timestamp; may emit a watermark right away (punctuated watermarks). */
    void onEvent(T event, long eventTimestamp, WatermarkOutput output);

    /** Called periodically; emits the watermark the elements seen so far allow. */
    void onPeriodicEmit(WatermarkOutput output);
}
