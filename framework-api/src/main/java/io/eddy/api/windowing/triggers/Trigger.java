package io.eddy.api.windowing.triggers;

import io.eddy.api.state.AppendingState;
import io.eddy.api.state.State;
import io.eddy.api.state.StateDescriptor;
import io.eddy.api.windowing.windows.Window;

import java.io.Serializable;

/**
 * Decides when a window is evaluated and when its contents are dropped. Called for every element
 * added to the window and when one of the timers it registered fires. A trigger keeps what it
 * must remember (a count, the next firing time) in per-window state from
 * {@link TriggerContextthere too, since container-runtime's tests cannot depend on test-utils.getPartitionedState}, never in fields: one instance serves all keys and
 * windows of a subtask.
 *
 * @param <T> type of the elements
 * @param <W> type of the windows
 */
public abstract class Trigger<T, W extends Window> implements Serializable {
    private static final long serialVersionUID = 1L;

    public abstract TriggerResult onElement(T element, long timestamp, W window, TriggerContext ctx) throws Exception;

    /** A processing-time timer of this window registered through {@code ctx} fired. */
    public abstract TriggerResult onProcessingTime(long time, W window, TriggerContext ctx) throws Exception;

    /** An event-time timer of this window registered through {@code ctx} fired. */
    public abstract TriggerResult onEventTime(long time, W window, TriggerContext ctx) throws Exception;

    /** Whether the trigger supports merging windows (sessions); then it must implement {@link #onMerge}. */
    public boolean canMerge() {
        return false;
    }

    /**
     * Windows merged into {@code window}: combine their trigger state with
     * {@link OnMergeContextthere too, since container-runtime's tests cannot depend on test-utils.mergePartitionedState} and register the timers the merged window needs.
     * The merged windows are {@link #clear}ed afterwards.
     */
    public void onMerge(W window, OnMergeContext ctx) throws Exception {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support merging windows");
    }

    /** The window is gone: delete its timers and clear its trigger state. */
    public abstract void clear(W window, TriggerContext ctx) throws Exception;

    /** Timers and state of the current key and window. */
    public interface TriggerContext {
        long getCurrentProcessingTime();

        long getCurrentWatermark();

        void registerProcessingTimeTimer(long time);

        void registerEventTimeTimer(long time);

        void deleteProcessingTimeTimer(long time);

        void deleteEventTimeTimer(long time);

        /** State of the current key and window; create descriptors once, e.g. in a field of the trigger. */
        <S extends State> S getPartitionedState(StateDescriptor<S, ?> descriptor);
    }

    /** The context of {@link #onMerge}. */
    public interface OnMergeContext extends TriggerContext {
        /** Moves the described state of the merged windows into the window they merged into. */
        void mergePartitionedState(StateDescriptor<? extends AppendingState<?, ?>, ?> descriptor) throws Exception;
    }
}
