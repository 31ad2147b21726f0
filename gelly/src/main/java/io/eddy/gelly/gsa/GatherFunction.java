package io.eddy.gelly.gsa;

import io.eddy.gelly.IterationFunction;
import io.eddy.gelly.Neighbor;

/** The gather step of a {@link GatherSumApplyIteration}: the value one neighbour contributes to a vertex. */
public abstract class GatherFunction<K, VV, EV, M> extends IterationFunction {
    private static final long serialVersionUID = 1L;

    /** The contribution of {@code neighbor} (a changed vertex, with the value of the edge between them). */
    public abstract M gather(Neighbor<K, VV, EV> neighbor) throws Exception;
}
