package io.eddy.runtime.operators;

/**
 * An operator that emits its results when its input ends and wraps another (the operator with
 * broadcast sets; the batch operators do the same in {@code ManagedMemoryOperator.endInput}) holds the final watermark ({@code Long.MAX_VALUE}) back until then: the final watermark
 * arrives before the end of the input, and forwarded at once it would run ahead of the results, so a
 * consumer would take them for late, and an iteration reading them as a static input would end its
 * first superstep before they came. The operator chain calls {@link #emitHeldWatermark()} right
 * after the operator's {@code endInput}.
 *
 * <p>Threading: the task thread.
 */
public interface FinalWatermarkAfterResults {
    /** Emits the final watermark if it arrived; called once the operator's results are out. */
    void emitHeldWatermark() throws Exception;
}
