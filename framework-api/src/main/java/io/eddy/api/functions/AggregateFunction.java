package io.eddy.api.functions;

/**
 * Incremental aggregation through a mutable or immutable accumulator: each input is folded into
 * the accumulator as it arrives, so only the accumulator is kept, not the inputs. Accumulators of
 * partial aggregates (e.g. of merged session windows) are combined with {@link #merge}.
 *
 * @param <IN> type of the values aggregated
 * @param <ACC> type of the accumulator, the intermediate result that is stored
 * @param <OUT> type of the result
 */
public interface AggregateFunction<IN, ACC, OUT> extends Function {
    /** A new, empty accumulator. */
    ACC createAccumulator();

    /** Folds {@code value} into {@code accumulator}; returns the new accumulator (may be the same object). */
    ACC add(IN value, ACC accumulator);

    /** The result for an accumulator; must not change the accumulator. */
    OUT getResult(ACC accumulator);

    /** Combines two accumulators into one; may reuse either of them. */
    ACC merge(ACC a, ACC b);
}
