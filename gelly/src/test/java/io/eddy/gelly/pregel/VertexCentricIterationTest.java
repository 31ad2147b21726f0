package io.eddy.gelly.pregel;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.aggregators.LongSumAggregator;
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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vertex-centric model's parts on a seeded R-MAT graph, on the embedded cluster: messages against the
 * IN direction without a combiner, degrees, an aggregator of the previous superstep, a broadcast set,
 * both solution set memories, and the end after the superstep that sends nothing; each value checked
 * against a plain-Java recomputation.
 */
class VertexCentricIterationTest {
    private static final int SCALE = 10;
    private static final long EDGES = 3000;
    private static final long OFFSET = 1_000_000_000L;

    @ParameterizedTest
    @CsvSource({"1, false", "2, true", "2, false"})
    void everyPartOfTheModelReachesTheComputeFunction(int parallelism, boolean unmanaged) throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
        Graph<Long, Long, Void> graph = new RMatGraph(env, SCALE, EDGES).seed(3).generate()
                .mapVertices(v -> -1L, Types.LONG);
        IterationOptions options = new IterationOptions().setDirection(EdgeDirection.IN).setDegreesAvailable(true)
                .setSolutionSetUnmanagedMemory(unmanaged).registerAggregator("awake", new LongSumAggregator())
                .addBroadcastSet("offset", env.fromElements(OFFSET));
        List<Vertex<Long, Long>> result = VertexCentricIteration.run(graph, new SumOfTargets(), null, Types.LONG, 10, options)
                .getVertices().collect();

        int n = 1 << SCALE;
        List<Edge<Long, Void>> edges = Reference.rmatEdges(SCALE, EDGES, 3);
        long[] targetSum = new long[n];
        long[] outDegree = new long[n];
        long[] inDegree = new long[n];
        for (Edge<Long, Void> e : edges) {
            targetSum[e.source().intValue()] += e.target();
            outDegree[e.source().intValue()]++;
            inDegree[e.target().intValue()]++;
        }
        Map<Long, Long> expected = new HashMap<>();
        for (int v = 0; v < n; v++) {
            // superstep 2: the vertices with out-edges heard from their targets; n = every vertex awake in superstep 1
            expected.put((long) v, outDegree[v] == 0 ? inDegree[v]
                    : OFFSET + n + 1000 * targetSum[v] + outDegree[v]);
        }
        Map<Long, Long> actual = new HashMap<>();
        result.forEach(v -> actual.put(v.id(), v.value()));
        assertEquals(expected, actual);
    }

    /**
     * Superstep 1: every vertex counts itself in "awake", takes its in-degree as value and sends its id to the
     * sources of its in-edges (direction IN). Superstep 2: a vertex that heard from its out-neighbours takes
     * offset + awake + 1000 * (sum of their ids) + (number of messages, checked to be its out-degree) and sends nothing.
     */
    private static final class SumOfTargets extends ComputeFunction<Long, Long, Void, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public void compute(Vertex<Long, Long> vertex, Iterable<Long> messages) {
            if (getSuperstepNumber() == 1) {
                this.<LongSumAggregator>getIterationAggregator("awake").aggregate(1L);
                setNewVertexValue(getInDegree());
                sendMessageToAllNeighbors(vertex.id());
                return;
            }
            long sum = 0;
            long count = 0;
            for (long m : messages) {
                sum += m;
                count++;
            }
            if (count != getOutDegree()) {
                throw new IllegalStateException(vertex.id() + " received " + count + " messages but has out-degree " + getOutDegree());
            }
            long offset = this.<Long>getBroadcastSet("offset").get(0);
            long awake = this.<Long>getPreviousIterationAggregate("awake");
            setNewVertexValue(offset + awake + 1000 * sum + count);
        }
    }

    @Test
    void aCombinerDeliversOneMessagePerVertexAndMaxIterationsStopsTheIteration() throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
        // a path 0 -> 1 -> ... -> 9 plus edges 0 -> k for every k: after s supersteps vertex k holds the number of
        // walks of length < s from 0 to k; with at most 3 supersteps the counting stops early
        List<Edge<Long, Void>> edges = new java.util.ArrayList<>();
        for (long k = 1; k < 10; k++) {
            edges.add(new Edge<>(k - 1, k, null));
            if (k > 1) {
                edges.add(new Edge<>(0L, k, null));
            }
        }
        List<Vertex<Long, Long>> vertices = new java.util.ArrayList<>();
        for (long k = 0; k < 10; k++) {
            vertices.add(new Vertex<>(k, 0L));
        }
        Graph<Long, Long, Void> graph = Graph.fromCollection(env, vertices, edges, Types.LONG, Types.LONG, Types.VOID);
        List<Vertex<Long, Long>> result = VertexCentricIteration.run(graph, new CountWalks(), Long::sum, Types.LONG, 3,
                new IterationOptions()).getVertices().collect();
        long[] walks = new long[10];
        long[] frontier = new long[10];
        frontier[0] = 1;
        walks[0] = 1;
        for (int superstep = 2; superstep <= 3; superstep++) {
            long[] next = new long[10];
            for (Edge<Long, Void> e : edges) {
                next[e.target().intValue()] += frontier[e.source().intValue()];
            }
            for (int k = 0; k < 10; k++) {
                walks[k] += next[k];
            }
            frontier = next;
        }
        Map<Long, Long> expected = new HashMap<>();
        for (int k = 0; k < 10; k++) {
            expected.put((long) k, walks[k]);
        }
        Map<Long, Long> actual = new HashMap<>();
        result.forEach(v -> actual.put(v.id(), v.value()));
        assertEquals(expected, actual);
        assertTrue(walks[3] > 1, "several walks reach vertex 3");
    }

    /** Vertex 0 starts with one walk; each vertex adds the (combined, so single) count it receives and passes it on. */
    private static final class CountWalks extends ComputeFunction<Long, Long, Void, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public void compute(Vertex<Long, Long> vertex, Iterable<Long> messages) {
            long received = vertex.id() == 0 && getSuperstepNumber() == 1 ? 1 : 0;
            int count = 0;
            for (long m : messages) {
                received += m;
                count++;
            }
            if (count > 1) {
                throw new IllegalStateException("the combiner left " + count + " messages for " + vertex.id());
            }
            if (received > 0) {
                setNewVertexValue(vertex.value() + received);
                sendMessageToAllNeighbors(received);
            }
        }
    }
}
