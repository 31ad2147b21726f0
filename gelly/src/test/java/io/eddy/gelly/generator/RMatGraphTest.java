package io.eddy.gelly.generator;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.gelly.Edge;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RMatGraphTest {
    @Test
    void scaleFollowsTheWorkloadsRule() {
        assertEquals(20, RMatGraph.scaleFor(10_000_000));
        assertEquals(14, RMatGraph.scaleFor(100_000));
        assertEquals(1, RMatGraph.scaleFor(5));
    }

    @Test
    void firstEdgesAtScale20AreTheReferenceSpotValues() {
        RMatGraph rmat = new RMatGraph(null, 20, 3);
        assertEquals("317526->939960", text(rmat.edge(0)));
        assertEquals("577240->148440", text(rmat.edge(1)));
        assertEquals("377146->535239", text(rmat.edge(2)));
    }

    @Test
    void permIsABijection() {
        RMatGraph rmat = new RMatGraph(null, 11, 0);
        boolean[] seen = new boolean[1 << 11];
        for (int x = 0; x < seen.length; x++) {
            seen[(int) rmat.perm(x)] = true;
        }
        for (boolean s : seen) {
            assertEquals(true, s);
        }
    }

    @Test
    void generatedGraphHoldsAllVerticesAndTheEdgesWithoutSelfLoops() throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
        RMatGraph rmat = new RMatGraph(env, 8, 2_000).seed(11);
        List<Edge<Long, Void>> edges = new ArrayList<>(rmat.generate().getEdges().collect());
        List<Edge<Long, Void>> expected = new ArrayList<>();
        for (long e = 0; e < 2_000; e++) {
            long packed = rmat.edge(e);
            if (packed >>> 32 != (packed & 0xFFFFFFFFL)) {
                expected.add(new Edge<>(packed >>> 32, packed & 0xFFFFFFFFL, null));
            }
        }
        Comparator<Edge<Long, Void>> order = Comparator.<Edge<Long, Void>>comparingLong(Edge::source).thenComparingLong(Edge::target);
        edges.sort(order);
        expected.sort(order);
        assertEquals(expected, edges);
        assertEquals(256, rmat.generate().numberOfVertices());
    }

    private static String text(long packed) {
        return (packed >>> 32) + "->" + (packed & 0xFFFFFFFFL);
    }
}
