package io.eddy.runtime.operators;

import io.eddy.api.functions.ElementContext;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.TimeDomain;
import io.eddy.api.functions.TimerService;
import io.eddy.api.operators.InternalTimer;
import io.eddy.api.operators.Output;
import io.eddy.runtime.state.KeyedStateBackend;

/**
 * The element or timer a process operator is handling, as its function's context sees it; one
 * instance per operator, updated before each call, so contexts cost nothing per element.
 */
final class CurrentElement implements ElementContext.Scope {
    private final Output<?> output;
    private final TimestampedCollector<?> collector;
    private final TimerService timerService;
    private final KeyedStateBackend<?> backend;
    private long timestamp;
    private TimeDomain domain;

    /** @param backend the keyed state backend of a keyed operator, else null */
    CurrentElement(Output<?> output, TimestampedCollector<?> collector, TimerService timerService,
            KeyedStateBackend<?> backend) {
        this.output = output;
        this.collector = collector;
        this.timerService = timerService;
        this.backend = backend;
    }

    /** An element with this timestamp is processed; results get the same timestamp. */
    void element(long timestamp) {
        this.timestamp = timestamp;
        this.domain = null;
        collector.setTimestamp(timestamp);
    }

    /** A timer fires; event-time results get the timer's time, processing-time results none. */
    void timer(InternalTimer<?, ?> timer, TimeDomain domain) {
        this.timestamp = domain == TimeDomain.EVENT_TIME ? timer.getTimestamp() : Output.NO_TIMESTAMP;
        this.domain = domain;
        collector.setTimestamp(timestamp);
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public TimerService timerService() {
        return timerService;
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
        output.collect(tag, value, timestamp);
    }

    @Override
    public Object currentKey() {
        return backend.getCurrentKey();
    }

    @Override
    public TimeDomain timeDomain() {
        return domain;
    }
}
