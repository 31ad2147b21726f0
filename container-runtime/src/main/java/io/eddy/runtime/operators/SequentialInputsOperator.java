package io.eddy.runtime.operators;

/**
 * A two-input operator that works best when one input arrives whole before the other: a hash join
 * builds its table from one input and then only probes it with the other. When every input of its
 * task comes through a blocking exchange (written completely before the task starts, so holding one
 * back cannot stall a producer), the task reads {@link #firstInput()} to its end before the first
 * record of the other input; otherwise records of both arrive as they come. Either way
 * {@link #endOfInput} tells the operator when each input ended, before {@code endInput()}, so it
 * handles both orders and learns which one it got.
 *
 * <p>Threading: the task thread calls both methods, like every other method of the operator.
 */
public interface SequentialInputsOperator {
    /** The input (0 or 1) the task reads first when it can. */
    int firstInput();

    /** Every record of input {@code input} (0 or 1) has arrived. */
    void endOfInput(int input) throws Exception;
}
