package io.eddy.api.functions.process;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.rich.AbstractRichFunction;

/**
 * Receives each pair of elements an interval join matched; may emit any number of results and
 * write to side outputs. Results carry the larger of the two timestamps.
 */
public abstract class ProcessJoinFunction<IN1, IN2, OUT> extends AbstractRichFunction {
    private static final long serialVersionUID = 1L;

    public abstract void processElement(IN1 left, IN2 right, Context ctx, Collector<OUT> out) throws Exception;

    /** The timestamps of the pair. */
    public abstract class Context {
        public abstract long getLeftTimestamp();

        public abstract long getRightTimestamp();

        /** The timestamp of the results: the larger of the two. */
        public abstract long getTimestamp();

        public abstract <X> void output(OutputTag<X> tag, X value);
    }
}
