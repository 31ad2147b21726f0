package io.eddy.api.windowing.triggers;

import io.eddy.api.state.ReducingState;
import io.eddy.api.state.ReducingStateDescriptor;
import io.eddy.api.types.Types;
import io.eddy.api.windowing.windows.Window;

/** Fires each time {@code count} elements have arrived in the window since it last fired. */
public final class CountTrigger extends Trigger<Object, Window> {
    private static final long serialVersionUID = 1L;

    private final long count;
    private final ReducingStateDescriptor<Long> countState =
            new ReducingStateDescriptor<>("count-trigger", Long::sum, Types.LONG);

    private CountTrigger(long count) {
        if (count <= 0) {
            throw new IllegalArgumentException("CountTrigger needs a positive count, was " + count);
        }
        this.count = count;
    }

    public static CountTrigger of(long count) {
        return new CountTrigger(count);
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, Window window, TriggerContext ctx) throws Exception {
        ReducingState<Long> seen = ctx.getPartitionedState(countState);
        seen.add(1L);
        if (seen.get() >= count) {
            seen.clear();
            return TriggerResult.FIRE;
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, Window window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, Window window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public boolean canMerge() {
        return true;
    }

    @Override
    public void onMerge(Window window, OnMergeContext ctx) throws Exception {
        ctx.mergePartitionedState(countState);
    }

    @Override
    public void clear(Window window, TriggerContext ctx) {
        ctx.getPartitionedState(countState).clear();
    }

    @Override
    public String toString() {
        return "CountTrigger(" + count + ")";
    }
}
