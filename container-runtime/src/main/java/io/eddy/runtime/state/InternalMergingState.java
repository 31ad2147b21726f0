package io.eddy.runtime.state;


import io.eddy.api.state.AppendingState;
import java.util.Collection;

/**
 * An appending state whose contents of several namespaces can be combined: what a window operator
 * keeps its window contents in, and merges when session windows merge. List state concatenates,
 * reducing state reduces, aggregating state merges accumulators.
 */
public interface InternalMergingState<K, N, IN, OUT> extends InternalKvState<K, N>, AppendingState<IN, OUT> {
    /**
     * Moves the contents of {@code sources} into {@code target}, for the current key, after what
     * {@code target} already holds; the sources are empty afterwards. A source equal to the target
     * is skipped. Leaves the current namespace unchanged.
     */
    void mergeNamespaces(N target, Collection<N> sources) throws Exception;
}
