package io.eddy.api.windowing.assigners;

import io.eddy.api.types.TypeInfo;
import io.eddy.api.windowing.triggers.Trigger;
import io.eddy.api.windowing.windows.Window;

import java.io.Serializable;
import java.util.Collection;

/**
 * Puts each element into zero or more windows, by its event timestamp or by the processing time
 * at which it arrives.
 *
 * @param <T> type of the elements
 * @param <W> type of the windows
 */
public abstract class WindowAssigner<T, W extends Window> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What an assigner may ask the operator. */
    public interface Context {
        long currentProcessingTime();
    }

    /**
     * The windows of {@code element}.
     *
     * @param timestamp the element's event timestamp, or {@code Output.NO_TIMESTAMP}
     */
    public abstract Collection<W> assignWindows(T element, long timestamp, Context context);

    /** The trigger used unless the program sets another. */
    public abstract Trigger<? super T, ? super W> getDefaultTrigger();

    /** The type of the windows: they are the namespace of window state and timers. */
    public abstract TypeInfo<W> getWindowType();

    /** True when windows are in event time: they expire with the watermark and late elements are dropped. */
    public abstract boolean isEventTime();
}
