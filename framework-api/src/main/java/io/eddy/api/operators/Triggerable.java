package io.eddy.api.operators;

/** The operator that owns an {@link InternalTimerService}; its key is current while a timer fires. */
public interface Triggerable<K, N> {
    void onEventTime(InternalTimer<K, N> timer) throws Exception;

    void onProcessingTime(InternalTimer<K, N> timer) throws Exception;
}
