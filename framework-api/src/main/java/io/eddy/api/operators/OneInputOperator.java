package io.eddy.api.operators;

/** An operator with one (possibly merged) input. */
public interface OneInputOperator<IN> {
    void processElement(IN value, long timestamp) throws Exception;
}
