package io.eddy.runtime.operators;

import io.eddy.api.functions.TimerService;
import io.eddy.api.operators.InternalTimerService;
import io.eddy.api.operators.OperatorContext;
import io.eddy.api.operators.Triggerable;
import io.eddy.api.state.VoidNamespace;
import io.eddy.api.state.VoidNamespaceSerializer;

/** The {@link TimerService} of process functions on keyed inputs: timers of the current key, without namespace. */
final class KeyedTimerService implements TimerService {
    private final InternalTimerService<VoidNamespace> timers;

    /** The user timers of the keyed operator {@code target}, which fire on it. */
    KeyedTimerService(OperatorContext context, Triggerable<?, VoidNamespace> target) {
        this.timers = context.getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, target);
    }

    @Override
    public long currentProcessingTime() {
        return timers.currentProcessingTime();
    }

    @Override
    public long currentWatermark() {
        return timers.currentWatermark();
    }

    @Override
    public void registerEventTimeTimer(long time) {
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
    }

    @Override
    public void registerProcessingTimeTimer(long time) {
        timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, time);
    }

    @Override
    public void deleteEventTimeTimer(long time) {
        timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, time);
    }

    @Override
    public void deleteProcessingTimeTimer(long time) {
        timers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, time);
    }
}
