package io.eddy.api.windowing.assigners;

import io.eddy.api.functions.TimeDomain;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.windowing.triggers.Trigger;
import io.eddy.api.windowing.windows.TimeWindow;
import io.eddy.api.windowing.windows.Window;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Consecutive windows of a fixed size that do not overlap: each element is in exactly one.
 *
 * <p>Consecutive elements nearly always fall into the same window, so the assigner hands out the
 * window it assigned last (an immutable list of an immutable window) until an element falls into
 * another: assigning allocates per window, not per element. Each task deserializes its own
 * assigner; were one shared between threads, they would only miss the reuse more often.
 */
public abstract class TumblingTimeWindows extends WindowAssigner<Object, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long offset;
    private final TimeDomain domain;
    /** The last assignment: a list holding one window. */
    private transient List<TimeWindow> last;

    TumblingTimeWindows(Duration size, Duration offset, TimeDomain domain) {
        this.size = size.toMillis();
        if (this.size <= 0) {
            throw new IllegalArgumentException("Tumbling windows need a positive size, was " + size);
        }
        this.offset = Math.floorMod(offset.toMillis(), this.size);
        this.domain = domain;
    }

    @Override
    public Collection<TimeWindow> assignWindows(Object element, long timestamp, Context context) {
        long start = TimeWindow.windowStart(TimeDomainSupport.timeOf(domain, timestamp, context), offset, size);
        List<TimeWindow> windows = last;
        if (windows == null || windows.get(0).getStart() != start) {
            windows = List.of(new TimeWindow(start, start + size));
            last = windows;
        }
        return windows;
    }

    @Override
    public Trigger<Object, Window> getDefaultTrigger() {
        return TimeDomainSupport.defaultTrigger(domain);
    }

    @Override
    public TypeInfo<TimeWindow> getWindowType() {
        return TimeWindow.TYPE;
    }

    @Override
    public boolean isEventTime() {
        return domain == TimeDomain.EVENT_TIME;
    }

    public long getSize() {
        return size;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + size + " ms" + (offset == 0 ? "" : ", offset " + offset + " ms") + ")";
    }
}
