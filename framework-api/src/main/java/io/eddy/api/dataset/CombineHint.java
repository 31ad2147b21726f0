package io.eddy.api.dataset;

import io.eddy.api.transformations.Operation.CombineStrategy;

/**
 * How a grouped reduce or aggregation combines each subtask's records before the shuffle, given with
 * {@link Grouping.Reduced#setCombineHint}. Without a hint the optimizer chooses: no combiner when the
 * input is partitioned on the key already (no shuffle follows); a streaming combine, with no hash table
 * and no sort, when the input arrives sorted by the key; a hash combiner otherwise.
 */
public enum CombineHint {
    OPTIMIZER_CHOOSES(CombineStrategy.ANY),
    /**
     * Reduces in a hash table in managed memory, one pass with no sort; when the table is full its
     * partial results leave and it starts again. Best with few distinct keys per subtask.
     */
    HASH(CombineStrategy.HASH),
    /**
     * Sorts the subtask's records by key (spilling beyond managed memory), reducing while sorting, and
     * emits one record per key: a full reduction per subtask, for many distinct keys that would keep a
     * hash table overflowing.
     */
    SORT(CombineStrategy.SORT),
    /** No combiner: every record is shuffled, for keys that hardly repeat within a subtask. */
    NONE(CombineStrategy.NONE);

    final CombineStrategy strategy;

    CombineHint(CombineStrategy strategy) {
        this.strategy = strategy;
    }
}
