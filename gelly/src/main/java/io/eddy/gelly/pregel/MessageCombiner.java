package io.eddy.gelly.pregel;

import java.io.Serializable;

/**
 * Combines two messages for the same vertex into one (e.g. the smaller of two distances) in a
 * {@link VertexCentricIteration}, so that each vertex receives at most one message per superstep: the
 * iteration applies it to the messages of each vertex before they are shuffled and again after. It
 * must be associative and commutative, since the order in which messages meet is not fixed.
 */
@FunctionalInterface
public interface MessageCombiner<M> extends Serializable {
    M combine(M first, M second) throws Exception;
}
