package io.eddy.api.functions.process;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.ElementContext;
import io.eddy.api.functions.rich.AbstractRichFunction;

/**
 * A process function on two connected streams that are not keyed: sees each element of either
 * input with its timestamp, may emit any number of results and write to side outputs. For keyed
 * state and timers, key both inputs and use {@link KeyedCoProcessFunction}.
 */
public abstract class CoProcessFunction<IN1, IN2, OUT> extends AbstractRichFunction {
    private static final long serialVersionUID = 1L;

    public abstract void processElement1(IN1 value, Context ctx, Collector<OUT> out) throws Exception;

    public abstract void processElement2(IN2 value, Context ctx, Collector<OUT> out) throws Exception;

    /** What the function knows about the element being processed; setting timers needs keyed inputs. */
    public class Context extends ElementContext {
        public Context(Scope scope) {
            super(scope);
        }
    }
}
