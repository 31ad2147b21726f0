package io.eddy.api.functions.process;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.ElementContext;
import io.eddy.api.functions.rich.AbstractRichFunction;

/**
 * The most general function on a stream: sees each element with its timestamp, may emit any
 * number of results, and may write to side outputs. On a keyed stream use
 * {@link KeyedProcessFunction}, which adds keyed state and timers.
 */
public abstract class ProcessFunction<I, O> extends AbstractRichFunction {
    private static final long serialVersionUID = 1L;

    public abstract void processElement(I value, Context ctx, Collector<O> out) throws Exception;

    /** What a process function knows about the element being processed. */
    public class Context extends ElementContext {
        public Context(Scope scope) {
            super(scope);
        }
    }
}
