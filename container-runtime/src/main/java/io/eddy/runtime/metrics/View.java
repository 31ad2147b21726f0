package io.eddy.runtime.metrics;

/**
 * A metric whose value is derived from samples the {@link MetricRegistry} takes at a fixed
 * interval ({@link #UPDATE_INTERVAL_SECONDS}) on its own thread, e.g. a rate: the thread that
 * counts never computes it.
 */
public interface View {
    int UPDATE_INTERVAL_SECONDS = 5;

    /** Takes a sample; called by the registry's thread only. */
    void update();
}
