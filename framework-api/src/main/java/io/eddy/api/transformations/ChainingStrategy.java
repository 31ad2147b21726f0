package io.eddy.api.transformations;

/** Whether an operator may be fused with its neighbours into one task. */
public enum ChainingStrategy {
    /** Chain with the predecessor and successors whenever the exchange allows it. */
    ALWAYS,
    /** Start a new chain here, but successors may chain to this operator. */
    HEAD,
    /** Never chain: the operator runs in a task of its own. */
    NEVER
}
