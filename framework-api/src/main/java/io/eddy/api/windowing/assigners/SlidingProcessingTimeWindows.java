package io.eddy.api.windowing.assigners;

import io.eddy.api.functions.TimeDomain;
import java.time.Duration;

/** Sliding windows by the processing time at which elements arrive, e.g. the last hour every 5 minutes. */
public final class SlidingProcessingTimeWindows extends SlidingTimeWindows {
    private static final long serialVersionUID = 1L;

    private SlidingProcessingTimeWindows(Duration size, Duration slide, Duration offset) {
        super(size, slide, offset, TimeDomain.PROCESSING_TIME);
    }

    public static SlidingProcessingTimeWindows of(Duration size, Duration slide) {
        return new SlidingProcessingTimeWindows(size, slide, Duration.ZERO);
    }

    public static SlidingProcessingTimeWindows of(Duration size, Duration slide, Duration offset) {
        return new SlidingProcessingTimeWindows(size, slide, offset);
    }
}
