package io.eddy.api.windowing.triggers;

import io.eddy.api.state.ReducingState;
import io.eddy.api.state.ReducingStateDescriptor;
import io.eddy.api.types.Types;
import io.eddy.api.windowing.windows.Window;

import java.time.Duration;

/**
 * Fires every {@code interval} while the window has elements, at multiples of the interval and
 * at the end of the window; the time domain is the subclass's. The next firing time is trigger
 * state, so merged windows keep the earliest.
 */
public abstract class ContinuousTrigger extends Trigger<Object, Window> {
    private static final long serialVersionUID = 1L;

    private final long interval;
    private final ReducingStateDescriptor<Long> nextFireState =
            new ReducingStateDescriptor<>("continuous-trigger-next-fire", Math::min, Types.LONG);

    ContinuousTrigger(Duration interval) {
        this.interval = interval.toMillis();
        if (this.interval <= 0) {
            throw new IllegalArgumentException("A continuous trigger needs a positive interval, was " + interval);
        }
    }

    /** The time the first firing is counted from: the element's timestamp or the processing time. */
    abstract long now(long timestamp, TriggerContext ctx);

    abstract void registerTimer(long time, TriggerContext ctx);

    abstract void deleteTimer(long time, TriggerContext ctx);

    @Override
    public TriggerResult onElement(Object element, long timestamp, Window window, TriggerContext ctx) throws Exception {
        ReducingState<Long> nextFire = ctx.getPartitionedState(nextFireState);
        if (nextFire.get() == null) {
            long now = now(timestamp, ctx);
            schedule(now - Math.floorMod(now, interval), window, nextFire, ctx);
        }
        return TriggerResult.CONTINUE;
    }

    /** Called by the subclass for timers of its domain. */
    final TriggerResult onTimer(long time, Window window, TriggerContext ctx) throws Exception {
        ReducingState<Long> nextFire = ctx.getPartitionedState(nextFireState);
        Long due = nextFire.get();
        if (due == null || due != time) {
            return TriggerResult.CONTINUE;
        }
        nextFire.clear();
        if (time < window.maxTimestamp()) {
            schedule(time, window, nextFire, ctx);
        }
        return TriggerResult.FIRE;
    }

    private void schedule(long after, Window window, ReducingState<Long> nextFire, TriggerContext ctx)
            throws Exception {
        long next = Math.min(after + interval, window.maxTimestamp());
        nextFire.add(next);
        registerTimer(next, ctx);
    }

    @Override
    public boolean canMerge() {
        return true;
    }

    @Override
    public void onMerge(Window window, OnMergeContext ctx) throws Exception {
        ctx.mergePartitionedState(nextFireState);
        Long next = ctx.getPartitionedState(nextFireState).get();
        if (next != null) {
            registerTimer(next, ctx);
        }
    }

    @Override
    public void clear(Window window, TriggerContext ctx) throws Exception {
        ReducingState<Long> nextFire = ctx.getPartitionedState(nextFireState);
        Long next = nextFire.get();
        if (next != null) {
            deleteTimer(next, ctx);
            nextFire.clear();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + interval + " ms)";
    }
}
