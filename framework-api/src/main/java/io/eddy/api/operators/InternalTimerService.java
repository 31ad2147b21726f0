package io.eddy.api.operators;

/**
 * Timers of a keyed operator, per key (the current key of the state backend) and namespace.
 * Registering the same (key, namespace, time) twice keeps one timer. Event-time timers fire when
 * the watermark reaches their time, in timestamp order, before the watermark is forwarded;
 * processing-time timers fire when the task's clock reaches their time.
 */
public interface InternalTimerService<N> {
    long currentProcessingTime();

    long currentWatermark();

    void registerEventTimeTimer(N namespace, long time);

    void deleteEventTimeTimer(N namespace, long time);

    void registerProcessingTimeTimer(N namespace, long time);

    void deleteProcessingTimeTimer(N namespace, long time);

    /** Timers waiting to fire, of both kinds; for tests and metrics. */
    int numberOfTimers();
}
