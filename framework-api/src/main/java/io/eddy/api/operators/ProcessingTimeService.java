package io.eddy.api.operators;

/**
 * The processing-time clock of a task and callbacks on it. Callbacks run in the task thread
 * (through its mailbox), never concurrently with the operator's other methods.
 */
public interface ProcessingTimeService {
    /** Now, in epoch milliseconds. */
    long getCurrentProcessingTime();

    /** Calls {@code callback} once the clock reaches {@code time}. */
    Cancellable registerTimer(long time, Callback callback);

    /** Calls {@code callback} every {@code period} ms, the first time after {@code initialDelay} ms. */
    Cancellable scheduleAtFixedRate(Callback callback, long initialDelay, long period);

    @FunctionalInterface
    interface Callback {
        /** @param time the time the callback was scheduled for */
        void onProcessingTime(long time) throws Exception;
    }

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
