package io.eddy.api.functions;

/**
 * Time and timers for process functions. Timers belong to the current key; registering the same
 * time twice for a key sets one timer. Only keyed streams can set timers.
 */
public interface TimerService {
    long currentProcessingTime();

    /** The operator's current watermark; {@code Long.MIN_VALUE} before the first one. */
    long currentWatermark();

    void registerEventTimeTimer(long time);

    void registerProcessingTimeTimer(long time);

    void deleteEventTimeTimer(long time);

    void deleteProcessingTimeTimer(long time);
}
