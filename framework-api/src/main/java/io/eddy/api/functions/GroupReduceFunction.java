package io.eddy.api.functions;

/**
 * Reduces one group of records with equal keys (or a whole partition) to any number of results.
 * The records may be reused instances, valid until the iterator moves on: copy one to keep it.
 */
@FunctionalInterface
public interface GroupReduceFunction<IN, OUT> extends Function {
    void reduce(Iterable<IN> values, Collector<OUT> out) throws Exception;
}
