package io.eddy.api.dataset;

/**
 * How a join ships and joins its inputs. FIRST and SECOND name the join's left and right input.
 * Without a hint both inputs are hash-partitioned and the left one is the build side.
 */
public enum JoinHint {
    OPTIMIZER_CHOOSES,
    /** The left input is sent whole to every subtask and built into the hash table; the right one stays where it is. */
    BROADCAST_HASH_FIRST,
    BROADCAST_HASH_SECOND,
    /** Both inputs are hash-partitioned on the key; the left one is the build side. */
    REPARTITION_HASH_FIRST,
    REPARTITION_HASH_SECOND,
    /** Both inputs are hash-partitioned, sorted on the key (spilling beyond managed memory) and merged. */
    REPARTITION_SORT_MERGE
}
