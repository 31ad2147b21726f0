package io.eddy.api.functions;

/**
 * What the context of a process function says about the element (or timer) being processed: its
 * timestamp, time and timers, side outputs, and for keyed functions the key. The operator running
 * the function keeps the {@link Scope} up to date; all function contexts share this one
 * implementation.
 */
public abstract class ElementContext {
    /** Provided by the operator: the element being processed. */
    public interface Scope {
        /** The event timestamp, or {@code Long.MIN_VALUE} when there is none. */
        long timestamp();

        TimerService timerService();

        <X> void output(OutputTag<X> tag, X value);

        /** The current key; only asked by the contexts of keyed functions. */
        Object currentKey();

        /** The domain of the timer firing, or null while an element is processed. */
        TimeDomain timeDomain();
    }

    private final Scope scope;

    protected ElementContext(Scope scope) {
        this.scope = scope;
    }

    /** The element's event timestamp (in {@code onTimer}: the timer's), or null when it has none. */
    public Long timestamp() {
        long timestamp = scope.timestamp();
        return timestamp == Long.MIN_VALUE ? null : timestamp;
    }

    public TimerService timerService() {
        return scope.timerService();
    }

    /** Emits {@code value} to the side output {@code tag}, with the element's timestamp. */
    public <X> void output(OutputTag<X> tag, X value) {
        scope.output(tag, value);
    }

    @SuppressWarnings("unchecked")
    protected <K> K currentKey() {
        return (K) scope.currentKey();
    }

    protected TimeDomain timeDomain() {
        TimeDomain domain = scope.timeDomain();
        if (domain == null) {
            throw new IllegalStateException("timeDomain() is only defined in onTimer");
        }
        return domain;
    }
}
