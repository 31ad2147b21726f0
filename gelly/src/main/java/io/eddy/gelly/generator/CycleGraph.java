package io.eddy.gelly.generator;

import io.eddy.api.dataset.ExecutionEnvironment;

/** The cycle on {@code n >= 3} vertices: an edge each way between {@code v} and {@code (v + 1) mod n}. */
public final class CycleGraph extends CirculantGraph {
    private static final long serialVersionUID = 1L;

    public CycleGraph(ExecutionEnvironment environment, long n) {
        super(environment, check(n));
        addOffsets(1, 1);
    }

    private static long check(long n) {
        if (n < 3) {
            throw new IllegalArgumentException("A cycle has at least 3 vertices, not " + n);
        }
        return n;
    }
}
