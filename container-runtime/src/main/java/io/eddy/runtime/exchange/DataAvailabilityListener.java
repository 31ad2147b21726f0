package io.eddy.runtime.exchange;

/** Told that a channel went from empty to holding data; called from producer threads. */
public interface DataAvailabilityListener {
    void notifyDataAvailable(int channel);
}
