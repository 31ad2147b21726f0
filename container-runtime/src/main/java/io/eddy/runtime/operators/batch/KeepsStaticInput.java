package io.eddy.runtime.operators.batch;

/**
 * An operator of a step function that can build a structure from one of its inputs once and keep it
 * for the next superstep's instance, when that input is static (it comes from outside the iteration,
 * so its records are the same every superstep): a hash join whose build side is static keeps its hash
 * table, and later supersteps only probe it, instead of having the input replayed and built again.
 *
 * <p>Protocol, driven by {@link io.eddy.runtime.iteration.SuperstepOperator} on the task thread: the first superstep's instance
 * is opened, then asked {@link #keepableInput()}; when that input is static, {@link #keep()} tells the
 * instance to build so that it can hand over, and if it agrees the input's records reach that instance
 * only (they are not kept for replay). At the end of each superstep, after {@code endInput()} and
 * before {@code close()}, {@link #handOver()} gives the structure, with the managed memory it
 * occupies, to the wrapper, which passes it to the next instance through {@link #resume} before that
 * one's {@code open()}. An instance's {@code close()} releases nothing it handed over; the wrapper
 * closes the last structure when the iteration ends, fails or is cancelled.
 */
public interface KeepsStaticInput {
    /** The logical input (0 or 1) whose structure this instance could keep, -1 for none. */
    int keepableInput();

    /** Builds the structure of {@link #keepableInput()} to be handed over; false if it cannot (too little memory). */
    boolean keep() throws Exception;

    /** What was built from the kept input, with its memory; this instance no longer owns it. */
    AutoCloseable handOver() throws Exception;

    /** Before {@code open()}: continues from {@code kept}, handed over by the previous superstep's instance. */
    void resume(AutoCloseable kept);
}
