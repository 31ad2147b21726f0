package io.eddy.runtime.operators;

import io.eddy.api.functions.TimerService;
import io.eddy.api.operators.OperatorContext;

/** The {@link TimerService} of process functions on inputs that are not keyed: time queries only. */
final class NonKeyedTimerService implements TimerService {
    private final OperatorContext context;

    NonKeyedTimerService(OperatorContext context) {
        this.context = context;
    }

    @Override
    public long currentProcessingTime() {
        return context.getProcessingTimeService().getCurrentProcessingTime();
    }

    @Override
    public long currentWatermark() {
        return context.currentWatermark();
    }

    @Override
    public void registerEventTimeTimer(long time) {
        throw timersNeedKeys();
    }

    @Override
    public void registerProcessingTimeTimer(long time) {
        throw timersNeedKeys();
    }

    @Override
    public void deleteEventTimeTimer(long time) {
        throw timersNeedKeys();
    }

    @Override
    public void deleteProcessingTimeTimer(long time) {
        throw timersNeedKeys();
    }

    private UnsupportedOperationException timersNeedKeys() {
        return new UnsupportedOperationException("Timers belong to keys: key the input with keyBy(...) and use a "
                + "keyed process function to set timers ('" + context.getTaskName() + "').");
    }
}
