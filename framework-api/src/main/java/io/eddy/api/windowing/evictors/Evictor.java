package io.eddy.api.windowing.evictors;

import io.eddy.api.windowing.windows.Window;

import java.io.Serializable;

/**
 * Removes elements from a window when it fires, before and/or after the window function sees
 * them; remove through {@code elements.iterator().remove()}. A window with an evictor keeps all
 * its elements, even under {@code reduce} or {@code aggregate}, which then run at firing time.
 *
 * @param <T> type of the elements
 * @param <W> type of the windows
 */
public interface Evictor<T, W extends Window> extends Serializable {
    /** Before the window function; {@code size} is the number of elements. */
    void evictBefore(Iterable<TimestampedValue<T>> elements, int size, W window, EvictorContext ctx);

    /** After the window function; what remains stays in the window. */
    void evictAfter(Iterable<TimestampedValue<T>> elements, int size, W window, EvictorContext ctx);

    /** The times an evictor may compare elements with. */
    interface EvictorContext {
        long getCurrentProcessingTime();

        long getCurrentWatermark();
    }
}
