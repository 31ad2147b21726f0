package io.eddy.runtime.operators.sortedinput;

/**
 * A keyed operator written for sorted input: {@link SortedInputOperator} tells it when the records of
 * the current key are done, before that key's timers fire and its state is dropped.
 */
public interface EndOfKeyListener {
    /** Every record of the current key has been processed; the key is still current. */
    void endOfKey() throws Exception;
}
