package io.eddy.gelly;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.types.Types;
import io.eddy.gelly.generator.RMatGraph;
import io.eddy.gelly.library.Reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workload of the degree tests of the iteration models: on a seeded R-MAT graph (parallel edges,
 * vertices without edges), values start as the vertex ids; in each of two supersteps every vertex that
 * changed sends {@link #message} of its value and degrees along its edges of the direction (ALL: both
 * ways), and each vertex that receives some takes {@link #fold} of their sum and its own degrees.
 * {@link #expected} recomputes it in plain Java.
 */
public final class DegreesWorkload {
    private DegreesWorkload() {}

    public static final int SUPERSTEPS = 2;
    private static final int SCALE = 9;
    private static final long EDGES = 2500;
    private static final long SEED = 11;

    /** The graph, each vertex's value its id. */
    public static Graph<Long, Long, Void> graph(ExecutionEnvironment env) {
        return new RMatGraph(env, SCALE, EDGES).seed(SEED).generate().mapVertices(v -> v.id(), Types.LONG);
    }

    public static long message(long value, long in, long out) {
        return value + 1_000 * in + 1_000_000 * out;
    }

    public static long fold(long messageSum, long in, long out) {
        return messageSum * 31 + 7 * in + 3 * out;
    }

    /** Every vertex's value after the two supersteps, recomputed: senders, messages along the direction, folds. */
    public static Map<Long, Long> expected(EdgeDirection direction) {
        int n = 1 << SCALE;
        long[] in = new long[n];
        long[] out = new long[n];
        List<List<Integer>> receivers = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            receivers.add(new ArrayList<>());
        }
        for (Edge<Long, Void> e : Reference.rmatEdges(SCALE, EDGES, SEED)) {
            int s = e.source().intValue();
            int t = e.target().intValue();
            out[s]++;
            in[t]++;
            if (direction != EdgeDirection.IN) {
                receivers.get(s).add(t);
            }
            if (direction != EdgeDirection.OUT) {
                receivers.get(t).add(s);
            }
        }
        long[] value = new long[n];
        boolean[] awake = new boolean[n];
        for (int v = 0; v < n; v++) {
            value[v] = v;
            awake[v] = true;
        }
        for (int superstep = 1; superstep <= SUPERSTEPS; superstep++) {
            long[] sum = new long[n];
            boolean[] received = new boolean[n];
            for (int v = 0; v < n; v++) {
                if (awake[v]) {
                    for (int r : receivers.get(v)) {
                        sum[r] += message(value[v], in[v], out[v]);
                        received[r] = true;
                    }
                }
            }
            for (int v = 0; v < n; v++) {
                if (received[v]) {
                    value[v] = fold(sum[v], in[v], out[v]);
                }
            }
            awake = received;
        }
        Map<Long, Long> expected = new HashMap<>();
        for (int v = 0; v < n; v++) {
            expected.put((long) v, value[v]);
        }
        return expected;
    }

    /** The innermost cause's message of {@code e}. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
