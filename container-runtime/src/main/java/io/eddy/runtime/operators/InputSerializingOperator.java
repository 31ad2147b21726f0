package io.eddy.runtime.operators;

/**
 * An operator that serializes each input record (into managed memory or a spill file) before
 * {@code processElement} returns and keeps no reference to the object: the batch operators that sort,
 * hash or buffer their input. A chained predecessor that is its only consumer hands it records without
 * the defensive copy that guards operators which hold on to their inputs; a function the operator calls
 * on the record (a combiner's reduce) may still change it, as it may change any input it is given.
 */
public interface InputSerializingOperator {
}
