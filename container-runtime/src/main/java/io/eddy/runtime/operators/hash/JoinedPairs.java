package io.eddy.runtime.operators.hash;

/**
 * Receives the joined pairs of a hash join. The build record is a reused instance, valid only during
 * the call; one side is null for an unmatched record of an outer join.
 */
@FunctionalInterface
public interface JoinedPairs<B, P> {
    void join(B build, P probe) throws Exception;
}
