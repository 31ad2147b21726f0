package io.eddy.api.windowing.evictors;

import io.eddy.api.windowing.windows.Window;

/** Base of the built-in evictors: one eviction rule, applied before the window function or after it. */
abstract class EvictionSide<T, W extends Window> implements Evictor<T, W> {
    private static final long serialVersionUID = 1L;

    private final boolean after;

    EvictionSide(boolean after) {
        this.after = after;
    }

    abstract void evict(Iterable<TimestampedValue<T>> elements, int size, W window);

    @Override
    public final void evictBefore(Iterable<TimestampedValue<T>> elements, int size, W window, EvictorContext ctx) {
        if (!after) {
            evict(elements, size, window);
        }
    }

    @Override
    public final void evictAfter(Iterable<TimestampedValue<T>> elements, int size, W window, EvictorContext ctx) {
        if (after) {
            evict(elements, size, window);
        }
    }
}
