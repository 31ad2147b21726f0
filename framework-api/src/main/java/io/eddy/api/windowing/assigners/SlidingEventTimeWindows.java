package io.eddy.api.windowing.assigners;

import io.eddy.api.functions.TimeDomain;
import java.time.Duration;

/** Sliding windows by event timestamp, e.g. the last hour every 5 minutes. */
public final class SlidingEventTimeWindows extends SlidingTimeWindows {
    private static final long serialVersionUID = 1L;

    private SlidingEventTimeWindows(Duration size, Duration slide, Duration offset) {
        super(size, slide, offset, TimeDomain.EVENT_TIME);
    }

    public static SlidingEventTimeWindows of(Duration size, Duration slide) {
        return new SlidingEventTimeWindows(size, slide, Duration.ZERO);
    }

    public static SlidingEventTimeWindows of(Duration size, Duration slide, Duration offset) {
        return new SlidingEventTimeWindows(size, slide, offset);
    }
}
