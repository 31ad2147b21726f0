package io.eddy.gelly.generator;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.gelly.Edge;

import java.util.TreeSet;

/**
 * The circulant graph on {@code n} vertices with the offsets added by {@link #addOffsets}: for every
 * offset {@code o} ({@code 1 <= o <= n/2}) an edge each way between {@code v} and {@code (v + o) mod n}.
 * An offset given twice counts once; offset {@code n/2} of an even {@code n} joins each pair once each way.
 */
public class CirculantGraph extends StructuredGraph {
    private static final long serialVersionUID = 1L;

    private final long n;
    private final TreeSet<Long> offsets = new TreeSet<>();

    public CirculantGraph(ExecutionEnvironment environment, long n) {
        super(environment);
        if (n < 1) {
            throw new IllegalArgumentException("A circulant graph has at least 1 vertex, not " + n);
        }
        this.n = n;
    }

    /** Adds offsets {@code first .. first + count - 1}. */
    public CirculantGraph addOffsets(long first, long count) {
        for (long o = first; o < first + count; o++) {
            if (o < 1 || o > n / 2) {
                throw new IllegalArgumentException("Offset " + o + " of a circulant graph on " + n
                        + " vertices must be in 1 .. " + n / 2);
            }
            offsets.add(o);
        }
        return this;
    }

    @Override
    public long vertexCount() {
        return n;
    }

    @Override
    protected void edgesOf(long vertex, Collector<Edge<Long, Void>> out) {
        for (long o : offsets) {
            out.collect(new Edge<>(vertex, (vertex + o) % n, null));
            if (2 * o != n) {
                out.collect(new Edge<>(vertex, (vertex - o + n) % n, null));
            }
        }
    }
}
