package io.eddy.api.windowing.triggers;

import io.eddy.api.windowing.windows.Window;

import java.time.Duration;

/** Fires every {@code interval} of processing time while the window has elements, and at its end. */
public final class ContinuousProcessingTimeTrigger extends ContinuousTrigger {
    private static final long serialVersionUID = 1L;

    private ContinuousProcessingTimeTrigger(Duration interval) {
        super(interval);
    }

    public static ContinuousProcessingTimeTrigger of(Duration interval) {
        return new ContinuousProcessingTimeTrigger(interval);
    }

    @Override
    long now(long timestamp, TriggerContext ctx) {
        return ctx.getCurrentProcessingTime();
    }

    @Override
    void registerTimer(long time, TriggerContext ctx) {
        ctx.registerProcessingTimeTimer(time);
    }

    @Override
    void deleteTimer(long time, TriggerContext ctx) {
        ctx.deleteProcessingTimeTimer(time);
    }

    @Override
    public TriggerResult onEventTime(long time, Window window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, Window window, TriggerContext ctx) throws Exception {
        return onTimer(time, window, ctx);
    }
}
