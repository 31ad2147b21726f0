package io.eddy.api.windowing.assigners;

import io.eddy.api.functions.TimeDomain;
import java.time.Duration;

/** Sessions by event timestamp. */
public final class EventTimeSessionWindows<T> extends SessionTimeWindows<T> {
    private static final long serialVersionUID = 1L;

    private EventTimeSessionWindows(SessionWindowTimeGapExtractor<? super T> gap) {
        super(gap, TimeDomain.EVENT_TIME);
    }

    public static EventTimeSessionWindows<Object> withGap(Duration gap) {
        return new EventTimeSessionWindows<>(fixedGap(gap.toMillis()));
    }

    /** Sessions whose gap depends on the element that extends them. */
    public static <T> EventTimeSessionWindows<T> withDynamicGap(SessionWindowTimeGapExtractor<T> gap) {
        return new EventTimeSessionWindows<>(gap);
    }
}
