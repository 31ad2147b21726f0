package io.eddy.api.windowing.evictors;

import io.eddy.api.windowing.windows.Window;

import java.util.Iterator;

/** Evicts the elements whose delta to the window's last element is at least {@code threshold}. */
public final class DeltaEvictor<T, W extends Window> extends EvictionSide<T, W> {
    private static final long serialVersionUID = 1L;

    private final double threshold;
    private final DeltaFunction<T> delta;

    private DeltaEvictor(double threshold, DeltaFunction<T> delta, boolean after) {
        super(after);
        this.threshold = threshold;
        this.delta = delta;
    }

    /** Evicts before the window function. */
    public static <T, W extends Window> DeltaEvictor<T, W> of(double threshold, DeltaFunction<T> delta) {
        return new DeltaEvictor<>(threshold, delta, false);
    }

    public static <T, W extends Window> DeltaEvictor<T, W> of(double threshold, DeltaFunction<T> delta,
            boolean evictAfter) {
        return new DeltaEvictor<>(threshold, delta, evictAfter);
    }

    @Override
    void evict(Iterable<TimestampedValue<T>> elements, int size, W window) {
        TimestampedValue<T> last = null;
        for (TimestampedValue<T> element : elements) {
            last = element;
        }
        if (last == null) {
            return;
        }
        for (Iterator<TimestampedValue<T>> it = elements.iterator(); it.hasNext(); ) {
            if (delta.getDelta(it.next().value(), last.value()) >= threshold) {
                it.remove();
            }
        }
    }
}
