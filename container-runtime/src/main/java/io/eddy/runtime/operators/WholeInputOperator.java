package io.eddy.runtime.operators;

/**
 * An operator that runs only once it has its whole input (a {@code mapPartition} hands every record of
 * its partition to one call of its function) and can take that input as one {@link RecordIterator}
 * instead of record by record, so that it need not buffer the records itself.
 *
 * <p>When such an operator is the only consumer of a chained predecessor, its predecessor's output is
 * a {@link WholeInputOutput}; a predecessor that produces all its records at once at the end of its
 * input (a sort) hands them over through it, and the consumer reads them straight out of the
 * predecessor's memory. Every other predecessor emits record by record, as to any operator.
 * Either way the consumer sees its input once, by one path.
 *
 * <p>Threading: the task thread calls every method.
 */
public interface WholeInputOperator<IN> {
    /** Whether this instance can take its input as a whole (false: it needs it record by record). */
    boolean takesWholeInput();

    /**
     * Consumes the whole input from {@code input} (which may deserialize into the instance it is given,
     * see {@link RecordIterator}); no record arrives by {@code processElement} then. The operator's
     * results go out in this call.
     */
    void processWholeInput(RecordIterator<IN> input) throws Exception;
}
