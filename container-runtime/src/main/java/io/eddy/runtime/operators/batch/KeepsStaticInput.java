package io.eddy.runtime.operators.batch;

/**
 * An operator of a step function that can build a structure from one of its inputs once and keep it
 * for the next superstep's instance, when that input is static (it comes from outside the iteration,
 * so its records are the same every superstep): a hash join whose build side is static keeps its hash
 * table, and later supersteps only probe it; a sort-merge join or co-group keeps its static side
 * sorted, and later supersteps only sort the other side. Either way the input is neither replayed nor
 * built again.
 *
 * <p>Protocol, driven by {@link io.eddy.runtime.iteration.SuperstepOperator} on the task thread: the
 * first superstep's instance is opened (for an operator with broadcast sets: once the sets are
 * complete), then asked to {@link #keep(int)} a static input before any of that input's records
 * reach it; if it agrees, the input's records reach that instance only (they are not kept for
 * replay). At the end of each superstep, after {@code endInput()} and before {@code close()},
 * {@link #handOver()} gives the structure, with the managed memory it occupies, to the wrapper, which
 * passes it to the next instance through {@link #resume} before that one's {@code open()}. An
 * instance's {@code close()} releases nothing it handed over; the wrapper closes the last structure
 * when the iteration ends, fails or is cancelled.
 */
public interface KeepsStaticInput {
    /**
     * Builds the structure of logical input {@code input} (0 or 1) to be handed over; false if it
     * cannot keep that input (it builds none from it, or has too little memory).
     */
    boolean keep(int input) throws Exception;

    /** What was built from the kept input, with its memory; this instance no longer owns it. */
    AutoCloseable handOver() throws Exception;

    /** Before {@code open()}: continues from {@code kept}, handed over by the previous superstep's instance. */
    void resume(AutoCloseable kept);
}
