package io.eddy.runtime.operators;

/**
 * A one-input operator that, once it is open, may keep none of the elements it is handed, only
 * values read from them (their field objects included): when {@code processElement} returns, the
 * element object is the caller's again. The task may then read each element of its network input
 * into one and the same object, where the serializer puts new field objects into that object.
 *
 * <p>Threading: the task thread asks, after {@code open()}.
 */
public interface TransientInputOperator {
    /** Whether this operator keeps no element object past its {@code processElement} call. */
    boolean keepsNoInput();
}
