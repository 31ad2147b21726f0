package io.eddy.api.windowing.triggers;

import io.eddy.api.windowing.windows.Window;

import java.time.Duration;

/** Fires every {@code interval} of event time (as the watermark passes) and at the end of the window. */
public final class ContinuousEventTimeTrigger extends ContinuousTrigger {
    private static final long serialVersionUID = 1L;

    private ContinuousEventTimeTrigger(Duration interval) {
        super(interval);
    }

    public static ContinuousEventTimeTrigger of(Duration interval) {
        return new ContinuousEventTimeTrigger(interval);
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, Window window, TriggerContext ctx) throws Exception {
        if (window.maxTimestamp() <= ctx.getCurrentWatermark()) {
            return TriggerResult.FIRE; // late, within the allowed lateness
        }
        return super.onElement(element, timestamp, window, ctx);
    }

    @Override
    long now(long timestamp, TriggerContext ctx) {
        return timestamp;
    }

    @Override
    void registerTimer(long time, TriggerContext ctx) {
        ctx.registerEventTimeTimer(time);
    }

    @Override
    void deleteTimer(long time, TriggerContext ctx) {
        ctx.deleteEventTimeTimer(time);
    }

    @Override
    public TriggerResult onEventTime(long time, Window window, TriggerContext ctx) throws Exception {
        return onTimer(time, window, ctx);
    }

    @Override
    public TriggerResult onProcessingTime(long time, Window window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }
}
