package io.eddy.runtime.network;

/** Told that a channel went from empty to holding data; called from producer threads. */
public interface DataAvailabilityListener {
    void notifyDataAvailable(int channel);
}
