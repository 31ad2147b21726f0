package io.eddy.api.windowing.evictors;

import io.eddy.api.windowing.windows.Window;

import java.util.Iterator;

/** Keeps at most the last {@code max} elements of the window (in arrival order). */
public final class CountEvictor<W extends Window> extends EvictionSide<Object, W> {
    private static final long serialVersionUID = 1L;

    private final long max;

    private CountEvictor(long max, boolean after) {
        super(after);
        if (max <= 0) {
            throw new IllegalArgumentException("CountEvictor needs a positive count, was " + max);
        }
        this.max = max;
    }

    /** Evicts before the window function. */
    public static <W extends Window> CountEvictor<W> of(long max) {
        return new CountEvictor<>(max, false);
    }

    public static <W extends Window> CountEvictor<W> of(long max, boolean evictAfter) {
        return new CountEvictor<>(max, evictAfter);
    }

    @Override
    void evict(Iterable<TimestampedValue<Object>> elements, int size, W window) {
        Iterator<TimestampedValue<Object>> it = elements.iterator();
        for (long excess = size - max; excess > 0 && it.hasNext(); excess--) {
            it.next();
            it.remove();
        }
    }
}
