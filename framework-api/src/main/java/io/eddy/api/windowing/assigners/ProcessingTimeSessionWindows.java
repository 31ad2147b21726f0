package io.eddy.api.windowing.assigners;

import io.eddy.api.functions.TimeDomain;
import java.time.Duration;

/** Sessions by the processing time at which elements arrive. */
public final class ProcessingTimeSessionWindows<T> extends SessionTimeWindows<T> {
    private static final long serialVersionUID = 1L;

    private ProcessingTimeSessionWindows(SessionWindowTimeGapExtractor<? super T> gap) {
        super(gap, TimeDomain.PROCESSING_TIME);
    }

    public static ProcessingTimeSessionWindows<Object> withGap(Duration gap) {
        return new ProcessingTimeSessionWindows<>(fixedGap(gap.toMillis()));
    }

    /** Sessions whose gap depends on the element that extends them. */
    public static <T> ProcessingTimeSessionWindows<T> withDynamicGap(SessionWindowTimeGapExtractor<T> gap) {
        return new ProcessingTimeSessionWindows<>(gap);
    }
}
