package io.eddy.gelly;

/** Which edges of a vertex a neighbourhood operation or an iteration follows. */
public enum EdgeDirection {
    /** The edges that point at the vertex: its neighbours are their sources. */
    IN,
    /** The edges that leave the vertex: its neighbours are their targets. */
    OUT,
    /** Both: an edge between two vertices makes each the other's neighbour (a self-loop counts twice). */
    ALL
}
