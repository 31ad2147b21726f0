package io.eddy.api.windowing.assigners;

import io.eddy.api.functions.TimeDomain;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.windowing.triggers.Trigger;
import io.eddy.api.windowing.windows.TimeWindow;
import io.eddy.api.windowing.windows.Window;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** Windows of a fixed size that start every {@code slide}: each element is in size/slide of them (rounded up). */
public abstract class SlidingTimeWindows extends WindowAssigner<Object, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long slide;
    private final long offset;
    private final TimeDomain domain;
    /**
     * The last assignment and the start of its latest window: elements mostly arrive in about
     * time order, so most share it, and the operator's state lookups find the very same windows.
     */
    private transient List<TimeWindow> last;
    private transient long lastLatest;

    SlidingTimeWindows(Duration size, Duration slide, Duration offset, TimeDomain domain) {
        this.size = size.toMillis();
        this.slide = slide.toMillis();
        if (this.size <= 0 || this.slide <= 0) {
            throw new IllegalArgumentException("Sliding windows need a positive size and slide, were " + size
                    + " and " + slide);
        }
        this.offset = Math.floorMod(offset.toMillis(), this.slide);
        this.domain = domain;
    }

    @Override
    public Collection<TimeWindow> assignWindows(Object element, long timestamp, Context context) {
        long time = TimeDomainSupport.timeOf(domain, timestamp, context);
        long latest = TimeWindow.windowStart(time, offset, slide);
        // the windows start at latest, latest - slide, ... while they reach past time; when the size
        // is no multiple of the slide, how many do depends on where in the slide the time falls
        long reach = latest - time + size;
        int count = reach <= 0 ? 0 : (int) ((reach - 1) / slide + 1);
        List<TimeWindow> windows = last;
        if (windows == null || lastLatest != latest || windows.size() != count) {
            TimeWindow[] assigned = new TimeWindow[count];
            for (int i = 0; i < count; i++) {
                long start = latest - i * slide;
                assigned[i] = new TimeWindow(start, start + size);
            }
            windows = List.of(assigned);
            last = windows;
            lastLatest = latest;
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

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + size + " ms every " + slide + " ms"
                + (offset == 0 ? "" : ", offset " + offset + " ms") + ")";
    }
}
