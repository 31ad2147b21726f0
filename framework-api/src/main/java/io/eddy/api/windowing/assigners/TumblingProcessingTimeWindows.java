package io.eddy.api.windowing.assigners;

import io.eddy.api.functions.TimeDomain;
import java.time.Duration;

/** Tumbling windows by the processing time at which elements arrive, e.g. {@code TumblingProcessingTimeWindows.of(Duration.ofMinutes(1))}. */
public final class TumblingProcessingTimeWindows extends TumblingTimeWindows {
    private static final long serialVersionUID = 1L;

    private TumblingProcessingTimeWindows(Duration size, Duration offset) {
        super(size, offset, TimeDomain.PROCESSING_TIME);
    }

    public static TumblingProcessingTimeWindows of(Duration size) {
        return new TumblingProcessingTimeWindows(size, Duration.ZERO);
    }

    /** Windows that start at {@code offset} past multiples of {@code size}, e.g. days in another time zone. */
    public static TumblingProcessingTimeWindows of(Duration size, Duration offset) {
        return new TumblingProcessingTimeWindows(size, offset);
    }
}
