package io.eddy.api.functions;

/**
 * A process function on two connected streams that are not keyed: sees each element of either
 * input with its timestamp, may emit any number of results and write to side outputs. For keyed
 * state and timers, key both inputs and use {@link KeyedCoProcessFunction}.
 */
public abstract class CoProcessFunction<IN1, IN2, OUT> extends AbstractRichFunction {
    private static final long serialVersionUID = 1L;

    public abstract void processElement1(IN1 value, Context ctx, Collector<OUT> out) throws Exception;

    public abstract void processElement2(IN2 value, Context ctx, Collector<OUT> out) throws Exception;

    /** What the function knows about the element being processed. */
    public abstract class Context {
        /** The element's event timestamp, or null when it has none. */
        public abstract Long timestamp();

        /** Time queries; setting timers needs keyed inputs. */
        public abstract TimerService timerService();

        /** Emits {@code value} to the side output {@code tag}, with the element's timestamp. */
        public abstract <X> void output(OutputTag<X> tag, X value);
    }
}
