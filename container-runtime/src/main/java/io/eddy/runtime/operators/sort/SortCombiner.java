package io.eddy.runtime.operators.sort;

import io.eddy.api.functions.Collector;

/**
 * Combines the records of one key group before they are spilled, shrinking the data to merge: a
 * group-reduce combiner (a partial sum, count or minimum). The records of the group may be reused
 * instances, valid only until the iterator moves on; emitted records must keep the group's key.
 */
@FunctionalInterface
public interface SortCombiner<T> {
    void combine(Iterable<T> group, Collector<T> out) throws Exception;
}
