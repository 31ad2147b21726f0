package io.eddy.api.windowing.triggers;

import io.eddy.api.windowing.windows.GlobalWindow;

/** Never fires: the default of {@link GlobalWindow}s, which need a trigger set by the program. */
public final class NeverTrigger extends Trigger<Object, GlobalWindow> {
    private static final long serialVersionUID = 1L;

    private NeverTrigger() {}

    public static NeverTrigger create() {
        return new NeverTrigger();
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, GlobalWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, GlobalWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, GlobalWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public boolean canMerge() {
        return true;
    }

    @Override
    public void onMerge(GlobalWindow window, OnMergeContext ctx) {}

    @Override
    public void clear(GlobalWindow window, TriggerContext ctx) {}
}
