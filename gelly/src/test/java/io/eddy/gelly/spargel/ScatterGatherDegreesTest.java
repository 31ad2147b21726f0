package io.eddy.gelly.spargel;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.EdgeDirection;
import io.eddy.gelly.Graph;
import io.eddy.gelly.IterationOptions;
import io.eddy.gelly.Vertex;
import io.eddy.gelly.generator.RMatGraph;
import io.eddy.gelly.library.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Degrees in scatter-gather functions whatever the direction ({@code setDegreesAvailable}): on a seeded
 * R-MAT graph (self-loops, parallel edges, vertices without edges), two supersteps in which the scatter
 * function sends its vertex's value and degrees and the gather function folds its own degrees into the
 * new value; every vertex checked against a plain-Java recomputation of the two supersteps.
 */
class ScatterGatherDegreesTest {
    private static final int SCALE = 9;
    private static final long EDGES = 2500;
    private static final long SEED = 11;

    @ParameterizedTest
    @CsvSource({"OUT, 2, false", "IN, 2, true", "ALL, 1, false", "ALL, 2, true"})
    void bothFunctionsSeeTheDegreesOfTheirVertex(EdgeDirection direction, int parallelism, boolean unmanaged) throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
        Graph<Long, Long, Void> graph = new RMatGraph(env, SCALE, EDGES).seed(SEED).generate().mapVertices(v -> v.id(), Types.LONG);
        IterationOptions options = new IterationOptions().setDirection(direction).setDegreesAvailable(true)
                .setSolutionSetUnmanagedMemory(unmanaged);
        Map<Long, Long> actual = new HashMap<>();
        for (Vertex<Long, Long> v : ScatterGatherIteration.run(graph, new SendValueAndDegrees(), new FoldWithOwnDegrees(),
                Types.LONG, 2, options).getVertices().collect()) {
            actual.put(v.id(), v.value());
        }
        assertEquals(expected(direction), actual);
    }

    @Test
    void degreesAreRefusedWithoutTheOption() {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
        Graph<Long, Long, Void> graph = new RMatGraph(env, 4, 20).seed(SEED).generate().mapVertices(v -> v.id(), Types.LONG);
        Exception e = assertThrows(Exception.class, () -> ScatterGatherIteration.run(graph, new SendValueAndDegrees(),
                new FoldWithOwnDegrees(), Types.LONG, 2, new IterationOptions()).getVertices().collect());
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(String.valueOf(root.getMessage()).contains("Degrees are not available: set IterationOptions.setDegreesAvailable(true)"),
                String.valueOf(root.getMessage()));
    }

    private static long message(long value, long in, long out) {
        return value + 1_000 * in + 1_000_000 * out;
    }

    private static long fold(long messageSum, long in, long out) {
        return messageSum * 31 + 7 * in + 3 * out;
    }

    /** The two supersteps recomputed: senders, messages along the direction (ALL: both ways), gather. */
    private static Map<Long, Long> expected(EdgeDirection direction) {
        int n = 1 << SCALE;
        List<Edge<Long, Void>> edges = Reference.rmatEdges(SCALE, EDGES, SEED);
        long[] in = new long[n];
        long[] out = new long[n];
        List<List<Integer>> receivers = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            receivers.add(new ArrayList<>());
        }
        for (Edge<Long, Void> e : edges) {
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
        for (int superstep = 1; superstep <= 2; superstep++) {
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

    private static final class SendValueAndDegrees extends ScatterFunction<Long, Long, Long, Void> {
        @Override
        public void sendMessages(Vertex<Long, Long> vertex) {
            sendMessageToAllNeighbors(message(vertex.value(), getInDegree(), getOutDegree()));
        }
    }

    private static final class FoldWithOwnDegrees extends GatherFunction<Long, Long, Long> {
        @Override
        public void updateVertex(Vertex<Long, Long> vertex, Iterable<Long> messages) {
            long sum = 0;
            for (long m : messages) {
                sum += m;
            }
            setNewVertexValue(fold(sum, getInDegree(), getOutDegree()));
        }
    }
}
