package io.eddy.runtime.operators;

import io.eddy.api.functions.Function;
import io.eddy.api.functions.TimeDomain;
import io.eddy.api.operators.InternalTimer;
import io.eddy.api.operators.Triggerable;
import io.eddy.api.state.VoidNamespace;

/**
 * What the keyed process operators share: a timestamped collector, the keyed element or timer at
 * hand with its per-key timer service, and timers handed to the function's {@code onTimer}.
 */
abstract class KeyedTimerOperator<K, OUT, F extends Function> extends UdfOperator<OUT, F>
        implements Triggerable<K, VoidNamespace> {
    private static final long serialVersionUID = 1L;

    protected transient TimestampedCollector<OUT> collector;
    /** The keyed element or timer at hand. */
    protected transient CurrentElement keyed;

    KeyedTimerOperator(F function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        collector = new TimestampedCollector<>(output);
        keyed = new CurrentElement(output, collector, new KeyedTimerService(context, this),
                RuntimeOperatorContext.keyedStateBackend(context));
        createContexts();
        super.open();
    }

    /** Creates the function's context objects, before the function opens. */
    protected abstract void createContexts();

    /** Calls the function's {@code onTimer} for the timer {@link #keyed} holds. */
    protected abstract void onTimer(long timestamp) throws Exception;

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        keyed.timer(timer, TimeDomain.EVENT_TIME);
        onTimer(timer.getTimestamp());
    }

    @Override
    public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        keyed.timer(timer, TimeDomain.PROCESSING_TIME);
        onTimer(timer.getTimestamp());
    }
}
