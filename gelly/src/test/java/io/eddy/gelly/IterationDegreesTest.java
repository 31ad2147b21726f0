package io.eddy.gelly;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.types.Types;
import io.eddy.gelly.generator.RMatGraph;
import io.eddy.gelly.gsa.ApplyFunction;
import io.eddy.gelly.gsa.GatherSumApplyIteration;
import io.eddy.gelly.library.Reference;
import io.eddy.gelly.spargel.GatherFunction;
import io.eddy.gelly.spargel.ScatterFunction;
import io.eddy.gelly.spargel.ScatterGatherIteration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Degrees in the functions of scatter-gather and gather-sum-apply whatever the direction
 * ({@code setDegreesAvailable}). On a seeded R-MAT graph (parallel edges, vertices without edges), values
 * start as the vertex ids; in each of two supersteps every vertex that changed sends {@link #message} of
 * its value and degrees along its edges of the direction (ALL: both ways), and each vertex that receives
 * some takes {@link #fold} of their sum and its own degrees. In scatter-gather the scatter function reads
 * the sender's degrees and the gather function the receiver's; in gather-sum-apply the gather function
 * reads the neighbour's (the sender's) and apply the receiver's. Every vertex is checked against a
 * plain-Java recomputation, so a degree of the wrong vertex or direction shows.
 */
class IterationDegreesTest {
    /** An iteration model running the workload's functions for {@code supersteps} on {@code graph}. */
    enum Model {
        SCATTER_GATHER {
            @Override
            Graph<Long, Long, Void> run(Graph<Long, Long, Void> graph, IterationOptions options, int supersteps) {
                return ScatterGatherIteration.run(graph, new SendValueAndDegrees(), new FoldMessages(), Types.LONG, supersteps,
                        options);
            }
        },
        GATHER_SUM_APPLY {
            @Override
            Graph<Long, Long, Void> run(Graph<Long, Long, Void> graph, IterationOptions options, int supersteps) {
                return GatherSumApplyIteration.run(graph, new ValueAndDegrees(), Long::sum, new FoldSum(), Types.LONG, supersteps,
                        options);
            }
        };

        abstract Graph<Long, Long, Void> run(Graph<Long, Long, Void> graph, IterationOptions options, int supersteps);
    }

    @ParameterizedTest
    @CsvSource({"SCATTER_GATHER, OUT, 2, false", "SCATTER_GATHER, IN, 2, true", "SCATTER_GATHER, ALL, 1, false",
            "SCATTER_GATHER, ALL, 2, true", "GATHER_SUM_APPLY, OUT, 2, false", "GATHER_SUM_APPLY, IN, 2, true",
            "GATHER_SUM_APPLY, ALL, 1, false", "GATHER_SUM_APPLY, ALL, 2, true", "GATHER_SUM_APPLY, IN, 1, false"})
    void functionsSeeTheDegreesOfTheirVertex(Model model, EdgeDirection direction, int parallelism, boolean unmanaged)
            throws Exception {
        assertEveryVertexAsExpected(model, direction, parallelism, unmanaged);
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void degreesAreRefusedWithoutTheOption(Model model) {
        assertDegreesRefused(model);
    }

    private static final int SUPERSTEPS = 2;
    private static final int SCALE = 9;
    private static final long EDGES = 2500;
    private static final long SEED = 11;

    /** The graph, each vertex's value its id. */
    private static Graph<Long, Long, Void> graph(ExecutionEnvironment env) {
        return new RMatGraph(env, SCALE, EDGES).seed(SEED).generate().mapVertices(v -> v.id(), Types.LONG);
    }

    private static long message(long value, long in, long out) {
        return value + 1_000 * in + 1_000_000 * out;
    }

    private static long fold(long messageSum, long in, long out) {
        return messageSum * 31 + 7 * in + 3 * out;
    }

    /** Every vertex's value after the two supersteps, recomputed: senders, messages along the direction, folds. */
    private static Map<Long, Long> expected(EdgeDirection direction) {
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

    /** Runs {@code model} with degrees available and checks every vertex against {@link #expected}. */
    private static void assertEveryVertexAsExpected(Model model, EdgeDirection direction, int parallelism, boolean unmanaged)
            throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
        IterationOptions options = new IterationOptions().setDirection(direction).setDegreesAvailable(true)
                .setSolutionSetUnmanagedMemory(unmanaged);
        Map<Long, Long> actual = new HashMap<>();
        for (Vertex<Long, Long> v : model.run(graph(env), options, SUPERSTEPS).getVertices().collect()) {
            actual.put(v.id(), v.value());
        }
        assertEquals(expected(direction), actual);
    }

    /** Asserts that {@code model} fails without degrees available, because its functions ask for them. */
    private static void assertDegreesRefused(Model model) {
        Graph<Long, Long, Void> graph = graph(ExecutionEnvironment.getExecutionEnvironment().setParallelism(1));
        Throwable root = assertThrows(Exception.class,
                () -> model.run(graph, new IterationOptions(), SUPERSTEPS).getVertices().collect());
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        assertTrue(message.contains("Degrees are not available: set IterationOptions.setDegreesAvailable(true)"), message);
    }

    private static final class SendValueAndDegrees extends ScatterFunction<Long, Long, Long, Void> {
        @Override
        public void sendMessages(Vertex<Long, Long> vertex) {
            sendMessageToAllNeighbors(message(vertex.value(), getInDegree(), getOutDegree()));
        }
    }

    private static final class FoldMessages extends GatherFunction<Long, Long, Long> {
        @Override
        public void updateVertex(Vertex<Long, Long> vertex, Iterable<Long> messages) {
            long sum = 0;
            for (long m : messages) {
                sum += m;
            }
            setNewVertexValue(fold(sum, getInDegree(), getOutDegree()));
        }
    }

    private static final class ValueAndDegrees extends io.eddy.gelly.gsa.GatherFunction<Long, Long, Void, Long> {
        @Override
        public Long gather(Neighbor<Long, Long, Void> neighbor) {
            return message(neighbor.value(), getInDegree(), getOutDegree());
        }
    }

    private static final class FoldSum extends ApplyFunction<Long, Long, Long> {
        @Override
        public void apply(Long sum, Long current) {
            setResult(fold(sum, getInDegree(), getOutDegree()));
        }
    }
}
