package io.eddy.api.functions;

/**
 * The most general function on a stream: sees each element with its timestamp, may emit any
 * number of results, and may write to side outputs. On a keyed stream use
 * {@link KeyedProcessFunction}, which adds keyed state and timers.
 */
public abstract class ProcessFunction<I, O> extends AbstractRichFunction {
    private static final long serialVersionUID = 1L;

    public abstract void processElement(I value, Context ctx, Collector<O> out) throws Exception;

    /** What a process function knows about the element being processed. */
    public abstract class Context {
        /** The element's event timestamp, or null when it has none. */
        public abstract Long timestamp();

        public abstract TimerService timerService();

        /** Emits {@code value} to the side output {@code tag}, with the element's timestamp. */
        public abstract <X> void output(OutputTag<X> tag, X value);
    }
}
