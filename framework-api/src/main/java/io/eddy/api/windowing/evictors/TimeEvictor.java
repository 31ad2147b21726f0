package io.eddy.api.windowing.evictors;

import io.eddy.api.windowing.windows.Window;

import java.time.Duration;
import java.util.Iterator;

/**
 * Keeps the elements of the last {@code keep} of event time: those with a timestamp greater than
 * the newest element's timestamp minus {@code keep}.
 */
public final class TimeEvictor<W extends Window> extends EvictionSide<Object, W> {
    private static final long serialVersionUID = 1L;

    private final long keep;

    private TimeEvictor(Duration keep, boolean after) {
        super(after);
        this.keep = keep.toMillis();
    }

    /** Evicts before the window function. */
    public static <W extends Window> TimeEvictor<W> of(Duration keep) {
        return new TimeEvictor<>(keep, false);
    }

    public static <W extends Window> TimeEvictor<W> of(Duration keep, boolean evictAfter) {
        return new TimeEvictor<>(keep, evictAfter);
    }

    @Override
    void evict(Iterable<TimestampedValue<Object>> elements, int size, W window) {
        long newest = Long.MIN_VALUE;
        for (TimestampedValue<Object> element : elements) {
            newest = Math.max(newest, element.timestamp());
        }
        long limit = newest - keep;
        for (Iterator<TimestampedValue<Object>> it = elements.iterator(); it.hasNext(); ) {
            if (it.next().timestamp() <= limit) {
                it.remove();
            }
        }
    }
}
