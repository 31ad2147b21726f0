package io.eddy.api.dataset;

import io.eddy.api.transformations.Operation.JoinLocalHint;
import io.eddy.api.transformations.Operation.JoinShipHint;

/**
 * How a join ships and joins its inputs. FIRST and SECOND name the join's left and right input.
 * Without a hint the optimizer chooses from the inputs' estimated sizes and existing partitioning:
 * it broadcasts a side when that ships fewer bytes than repartitioning both, reuses a partitioning
 * on the join key, and builds the hash table from the smaller side.
 */
public enum JoinHint {
    OPTIMIZER_CHOOSES(JoinShipHint.ANY, JoinLocalHint.ANY),
    /** The left input is sent whole to every subtask and built into the hash table; the right one stays where it is. */
    BROADCAST_HASH_FIRST(JoinShipHint.BROADCAST_FIRST, JoinLocalHint.HASH_BUILD_FIRST),
    BROADCAST_HASH_SECOND(JoinShipHint.BROADCAST_SECOND, JoinLocalHint.HASH_BUILD_SECOND),
    /** Both inputs are hash-partitioned on the key; the left one is the build side. */
    REPARTITION_HASH_FIRST(JoinShipHint.REPARTITION, JoinLocalHint.HASH_BUILD_FIRST),
    REPARTITION_HASH_SECOND(JoinShipHint.REPARTITION, JoinLocalHint.HASH_BUILD_SECOND),
    /** Both inputs are hash-partitioned, sorted on the key (spilling beyond managed memory) and merged. */
    REPARTITION_SORT_MERGE(JoinShipHint.REPARTITION, JoinLocalHint.SORT_MERGE);

    final JoinShipHint ship;
    final JoinLocalHint local;

    JoinHint(JoinShipHint ship, JoinLocalHint local) {
        this.ship = ship;
        this.local = local;
    }
}
