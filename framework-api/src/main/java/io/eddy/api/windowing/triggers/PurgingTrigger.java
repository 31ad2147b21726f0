package io.eddy.api.windowing.triggers;

import io.eddy.api.windowing.windows.Window;

/** Wraps a trigger so that every firing also drops the window's contents: each result covers only new elements. */
public final class PurgingTrigger<T, W extends Window> extends Trigger<T, W> {
    private static final long serialVersionUID = 1L;

    private final Trigger<T, W> trigger;

    private PurgingTrigger(Trigger<T, W> trigger) {
        this.trigger = trigger;
    }

    public static <T, W extends Window> PurgingTrigger<T, W> of(Trigger<T, W> trigger) {
        return new PurgingTrigger<>(trigger);
    }

    private static TriggerResult purging(TriggerResult result) {
        return result.isFire() ? TriggerResult.FIRE_AND_PURGE : result;
    }

    @Override
    public TriggerResult onElement(T element, long timestamp, W window, TriggerContext ctx) throws Exception {
        return purging(trigger.onElement(element, timestamp, window, ctx));
    }

    @Override
    public TriggerResult onEventTime(long time, W window, TriggerContext ctx) throws Exception {
        return purging(trigger.onEventTime(time, window, ctx));
    }

    @Override
    public TriggerResult onProcessingTime(long time, W window, TriggerContext ctx) throws Exception {
        return purging(trigger.onProcessingTime(time, window, ctx));
    }

    @Override
    public boolean canMerge() {
        return trigger.canMerge();
    }

    @Override
    public void onMerge(W window, OnMergeContext ctx) throws Exception {
        trigger.onMerge(window, ctx);
    }

    @Override
    public void clear(W window, TriggerContext ctx) throws Exception {
        trigger.clear(window, ctx);
    }

    @Override
    public String toString() {
        return "PurgingTrigger(" + trigger + ")";
    }
}
