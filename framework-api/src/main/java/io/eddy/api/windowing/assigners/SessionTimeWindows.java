package io.eddy.api.windowing.assigners;

import io.eddy.api.functions.TimeDomain;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.windowing.triggers.Trigger;
import io.eddy.api.windowing.windows.TimeWindow;
import io.eddy.api.windowing.windows.Window;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Sessions: each element opens the window [time, time + gap), and windows that overlap or touch
 * merge, so a session lasts until a gap without elements.
 */
public abstract class SessionTimeWindows<T> extends MergingWindowAssigner<T, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final SessionWindowTimeGapExtractor<? super T> gap;
    private final TimeDomain domain;

    SessionTimeWindows(SessionWindowTimeGapExtractor<? super T> gap, TimeDomain domain) {
        this.gap = gap;
        this.domain = domain;
    }

    static SessionWindowTimeGapExtractor<Object> fixedGap(long gap) {
        if (gap <= 0) {
            throw new IllegalArgumentException("A session gap must be positive, was " + gap + " ms");
        }
        return element -> gap;
    }

    @Override
    public Collection<TimeWindow> assignWindows(T element, long timestamp, Context context) {
        long time = TimeDomainSupport.timeOf(domain, timestamp, context);
        long gapMillis = gap.extract(element);
        if (gapMillis <= 0) {
            throw new IllegalArgumentException("The session gap of " + element + " is " + gapMillis
                    + " ms, but it must be positive");
        }
        return Collections.singletonList(new TimeWindow(time, time + gapMillis));
    }

    @Override
    public void mergeWindows(Collection<TimeWindow> windows, MergeCallback<TimeWindow> callback) throws Exception {
        List<TimeWindow> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingLong(TimeWindow::start));
        List<TimeWindow> group = new ArrayList<>();
        TimeWindow cover = null;
        for (TimeWindow window : sorted) {
            if (cover != null && cover.intersects(window)) {
                group.add(window);
                cover = cover.cover(window);
                continue;
            }
            if (group.size() > 1) {
                callback.merge(group, cover);
            }
            group = new ArrayList<>();
            group.add(window);
            cover = window;
        }
        if (group.size() > 1) {
            callback.merge(group, cover);
        }
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
}
