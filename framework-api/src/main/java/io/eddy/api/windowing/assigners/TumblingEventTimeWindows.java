package io.eddy.api.windowing.assigners;

import io.eddy.api.functions.TimeDomain;
import java.time.Duration;

/** Tumbling windows by event timestamp, e.g. {@code TumblingEventTimeWindows.of(Duration.ofMinutes(1))}. */
public final class TumblingEventTimeWindows extends TumblingTimeWindows {
    private static final long serialVersionUID = 1L;

    private TumblingEventTimeWindows(Duration size, Duration offset) {
        super(size, offset, TimeDomain.EVENT_TIME);
    }

    public static TumblingEventTimeWindows of(Duration size) {
        return new TumblingEventTimeWindows(size, Duration.ZERO);
    }

    /** Windows that start at {@code offset} past multiples of {@code size}, e.g. days in another time zone. */
    public static TumblingEventTimeWindows of(Duration size, Duration offset) {
        return new TumblingEventTimeWindows(size, offset);
    }
}
