package io.eddy.gelly.library;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.Graph;
import io.eddy.gelly.Vertex;
import io.eddy.gelly.bipartite.BipartiteEdge;
import io.eddy.gelly.bipartite.BipartiteGraph;
import io.eddy.gelly.bipartite.Projection;
import io.eddy.gelly.generator.RMatGraph;
import io.eddy.gelly.library.community.CommunityDetection;
import io.eddy.gelly.library.components.StronglyConnectedComponents;
import io.eddy.gelly.library.cores.KCore;
import io.eddy.gelly.library.summarization.Summarization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Community detection, strongly connected components, k-cores, bipartite projections and summarisation on
 * seeded graphs (R-MAT of 700 and of 10^4 edges, and random bipartite graphs), on the embedded cluster,
 * each against a plain-Java recomputation written from the javadoc.
 */
class CommunityAndStructureTest {

    private static Graph<Long, Void, Void> rmat(int parallelism, int scale, long edges) {
        return new RMatGraph(ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism), scale, edges).seed(11).generate();
    }

    private static Map<Long, Long> asMap(List<Vertex<Long, Long>> vertices) {
        Map<Long, Long> map = new HashMap<>();
        for (Vertex<Long, Long> v : vertices) {
            assertEquals(null, map.put(v.id(), v.value()), "one value per vertex");
        }
        return map;
    }

    /** A weight in {0.5, 1, 1.5, 2} that depends on both ends. */
    private static double weight(Edge<Long, ?> e) {
        return 0.5 * (1 + (e.source() * 31 + e.target()) % 4);
    }

    @ParameterizedTest
    @CsvSource({"1, 9, 700, 0.5", "2, 9, 700, 0.5", "2, 12, 10000, 0.3"})
    void communityDetectionFollowsGellysScoredLabelPropagation(int parallelism, int scale, long edgeCount, double delta)
            throws Exception {
        int iterations = 6;
        int n = 1 << scale;
        List<Edge<Long, Void>> edges = Reference.rmatEdges(scale, edgeCount, 11);
        long[] label = new long[n];
        double[] score = new double[n];
        boolean[] active = new boolean[n];
        for (int v = 0; v < n; v++) {
            label[v] = v;
            score[v] = 1.0;
            active[v] = true;
        }
        for (int s = 1; s <= iterations; s++) {
            List<List<double[]>> inbox = new ArrayList<>();
            for (int v = 0; v < n; v++) {
                inbox.add(new ArrayList<>());
            }
            for (Edge<Long, Void> e : edges) {
                int u = e.source().intValue();
                int v = e.target().intValue();
                double w = weight(e);
                if (active[u]) {
                    inbox.get(v).add(new double[] {label[u], score[u] * w});
                }
                if (active[v]) {
                    inbox.get(u).add(new double[] {label[v], score[v] * w});
                }
            }
            long[] nextLabel = label.clone();
            double[] nextScore = score.clone();
            boolean[] nextActive = new boolean[n];
            boolean any = false;
            for (int v = 0; v < n; v++) {
                List<double[]> messages = inbox.get(v);
                messages.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
                TreeMap<Long, double[]> perLabel = new TreeMap<>(); // label -> (sum, highest)
                for (double[] m : messages) {
                    double[] acc = perLabel.computeIfAbsent((long) m[0], k -> new double[] {0, Double.NEGATIVE_INFINITY});
                    acc[0] += m[1];
                    acc[1] = Math.max(acc[1], m[1]);
                }
                long winner = 0;
                double best = 0;
                double highest = 0;
                for (Map.Entry<Long, double[]> l : perLabel.entrySet()) {
                    if (l.getValue()[0] > best) {
                        winner = l.getKey();
                        best = l.getValue()[0];
                        highest = l.getValue()[1];
                    }
                }
                if (best > 0) {
                    nextLabel[v] = winner;
                    nextScore[v] = winner == label[v] ? highest : highest - delta / s;
                    nextActive[v] = true;
                    any = true;
                }
            }
            label = nextLabel;
            score = nextScore;
            active = nextActive;
            if (!any) {
                break;
            }
        }
        Graph<Long, Long, Double> graph = rmat(parallelism, scale, edgeCount).mapVertices(Vertex::id, Types.LONG)
                .mapEdges(CommunityAndStructureTest::weight, Types.DOUBLE);
        Map<Long, Long> actual = asMap(graph.run(new CommunityDetection<Long>(iterations, delta)).collect());
        Map<Long, Long> expected = new HashMap<>();
        int moved = 0;
        for (int v = 0; v < n; v++) {
            expected.put((long) v, label[v]);
            moved += label[v] != v ? 1 : 0;
        }
        assertEquals(expected, actual);
        assertTrue(moved > 50, "labels moved: " + moved);
    }

    @ParameterizedTest
    @CsvSource({"1, 9, 700", "2, 9, 700", "2, 12, 10000"})
    void stronglyConnectedComponentsAreLabelledWithTheirSmallestId(int parallelism, int scale, long edgeCount) throws Exception {
        int n = 1 << scale;
        List<Edge<Long, Void>> edges = Reference.rmatEdges(scale, edgeCount, 11);
        List<List<Integer>> out = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            out.add(new ArrayList<>());
        }
        edges.forEach(e -> out.get(e.source().intValue()).add(e.target().intValue()));
        BitSet[] reach = new BitSet[n];
        for (int s = 0; s < n; s++) {
            reach[s] = new BitSet(n);
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(s));
            reach[s].set(s);
            while (!queue.isEmpty()) {
                for (int w : out.get(queue.poll())) {
                    if (!reach[s].get(w)) {
                        reach[s].set(w);
                        queue.add(w);
                    }
                }
            }
        }
        Map<Long, Long> expected = new HashMap<>();
        for (int v = 0; v < n; v++) {
            int smallest = v;
            for (int u = 0; u < v; u++) {
                if (reach[u].get(v) && reach[v].get(u)) {
                    smallest = u;
                    break;
                }
            }
            expected.put((long) v, (long) smallest);
        }
        Map<Long, Long> actual = asMap(rmat(parallelism, scale, edgeCount).run(new StronglyConnectedComponents<Long, Void, Void>()).collect());
        assertEquals(expected, actual);
        long nonTrivial = expected.entrySet().stream().filter(e -> !e.getKey().equals(e.getValue())).count();
        assertTrue(nonTrivial > 20, "vertices in components of more than one vertex: " + nonTrivial);
    }

    @ParameterizedTest
    @CsvSource({"1, 9, 700", "2, 9, 700", "2, 12, 10000"})
    void kCoreGivesEachVertexItsCoreNumber(int parallelism, int scale, long edgeCount) throws Exception {
        int n = 1 << scale;
        Map<Long, Set<Long>> adjacency = Reference.neighbors(n, Reference.rmatEdges(scale, edgeCount, 11));
        int[] degree = new int[n];
        adjacency.forEach((v, ns) -> degree[v.intValue()] = ns.size());
        boolean[] removed = new boolean[n];
        long[] core = new long[n];
        int k = 0;
        for (int step = 0; step < n; step++) {
            int min = -1;
            for (int v = 0; v < n; v++) {
                if (!removed[v] && (min < 0 || degree[v] < degree[min])) {
                    min = v;
                }
            }
            k = Math.max(k, degree[min]);
            core[min] = k;
            removed[min] = true;
            for (long w : adjacency.get((long) min)) {
                degree[(int) w]--;
            }
        }
        Map<Long, Long> expected = new HashMap<>();
        for (int v = 0; v < n; v++) {
            expected.put((long) v, core[v]);
        }
        Map<Long, Long> actual = asMap(rmat(parallelism, scale, edgeCount).run(new KCore<Long, Void, Void>()).collect());
        assertEquals(expected, actual);
        assertTrue(k >= 3, "the graph has a 3-core: max core " + k);
    }

    @ParameterizedTest
    @CsvSource({"1", "2"})
    void bipartiteProjectionsJoinVerticesThatShareANeighbour(int parallelism) throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
        Random random = new Random(5);
        List<Vertex<Long, String>> tops = new ArrayList<>();
        for (long t = 0; t < 40; t++) {
            tops.add(new Vertex<>(t, "t" + t));
        }
        List<Vertex<String, Double>> bottoms = new ArrayList<>();
        for (int b = 0; b < 25; b++) {
            bottoms.add(new Vertex<>("b" + b, b / 4.0));
        }
        List<BipartiteEdge<Long, String, Integer>> edges = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            edges.add(new BipartiteEdge<>((long) random.nextInt(40), "b" + random.nextInt(25), i));
        }
        BipartiteGraph<Long, String, String, Double, Integer> graph = BipartiteGraph.fromDataSet(
                env.fromCollection(tops, Vertex.type(Types.LONG, Types.STRING)),
                env.fromCollection(bottoms, Vertex.type(Types.STRING, Types.DOUBLE)),
                env.fromCollection(edges, BipartiteEdge.type(Types.LONG, Types.STRING, Types.INT)));
        List<String> topSimple = new ArrayList<>();
        List<String> topFull = new ArrayList<>();
        List<String> bottomSimple = new ArrayList<>();
        List<String> bottomFull = new ArrayList<>();
        for (BipartiteEdge<Long, String, Integer> a : edges) {
            for (BipartiteEdge<Long, String, Integer> b : edges) {
                if (a.bottomId().equals(b.bottomId()) && !a.topId().equals(b.topId())) {
                    topSimple.add(a.topId() + ">" + b.topId() + ":" + a.value() + "," + b.value());
                    double bottomValue = Integer.parseInt(a.bottomId().substring(1)) / 4.0;
                    topFull.add(a.topId() + ">" + b.topId() + ":" + a.bottomId() + "," + bottomValue + "," + a.value() + "," + b.value());
                }
                if (a.topId().equals(b.topId()) && !a.bottomId().equals(b.bottomId())) {
                    bottomSimple.add(a.bottomId() + ">" + b.bottomId() + ":" + a.value() + "," + b.value());
                    bottomFull.add(a.bottomId() + ">" + b.bottomId() + ":" + a.topId() + ",t" + a.topId() + "," + a.value() + "," + b.value());
                }
            }
        }
        List<String> actualTopSimple = new ArrayList<>();
        for (Edge<Long, Tuple2<Integer, Integer>> e : graph.projectionTopSimple().getEdges().collect()) {
            actualTopSimple.add(e.source() + ">" + e.target() + ":" + e.value().f0 + "," + e.value().f1);
        }
        List<String> actualTopFull = new ArrayList<>();
        for (Edge<Long, Projection<String, Double, Integer>> e : graph.projectionTopFull().getEdges().collect()) {
            Projection<String, Double, Integer> p = e.value();
            actualTopFull.add(e.source() + ">" + e.target() + ":" + p.intermediateId() + "," + p.intermediateValue() + ","
                    + p.sourceEdgeValue() + "," + p.targetEdgeValue());
        }
        List<String> actualBottomSimple = new ArrayList<>();
        for (Edge<String, Tuple2<Integer, Integer>> e : graph.projectionBottomSimple().getEdges().collect()) {
            actualBottomSimple.add(e.source() + ">" + e.target() + ":" + e.value().f0 + "," + e.value().f1);
        }
        List<String> actualBottomFull = new ArrayList<>();
        for (Edge<String, Projection<Long, String, Integer>> e : graph.projectionBottomFull().getEdges().collect()) {
            Projection<Long, String, Integer> p = e.value();
            actualBottomFull.add(e.source() + ">" + e.target() + ":" + p.intermediateId() + "," + p.intermediateValue() + ","
                    + p.sourceEdgeValue() + "," + p.targetEdgeValue());
        }
        for (List<String> l : List.of(topSimple, topFull, bottomSimple, bottomFull, actualTopSimple, actualTopFull,
                actualBottomSimple, actualBottomFull)) {
            l.sort(null);
        }
        assertTrue(topSimple.size() > 100 && bottomSimple.size() > 100, topSimple.size() + " and " + bottomSimple.size() + " edges");
        assertEquals(topSimple, actualTopSimple);
        assertEquals(topFull, actualTopFull);
        assertEquals(bottomSimple, actualBottomSimple);
        assertEquals(bottomFull, actualBottomFull);
        assertEquals(40, graph.projectionTopSimple().getVertices().count());
    }

    @Test
    void summarisationGroupsVerticesByValueAndEdgesByGroupsAndValue() throws Exception {
        int scale = 10;
        long edgeCount = 5000;
        int n = 1 << scale;
        Graph<Long, Long, Long> graph = rmat(2, scale, edgeCount).mapVertices(v -> v.id() % 3, Types.LONG)
                .mapEdges(e -> (e.source() + e.target()) % 2, Types.LONG);
        Graph<Long, Summarization.Group<Long>, Summarization.Group<Long>> summary = graph.run(new Summarization<Long, Long, Long>());
        Map<Long, String> expectedVertices = new TreeMap<>();
        for (long r = 0; r < 3; r++) {
            long count = 0;
            for (long v = 0; v < n; v++) {
                count += v % 3 == r ? 1 : 0;
            }
            expectedVertices.put(r, r + "x" + count); // the smallest id of group r is r
        }
        Map<String, Long> expectedEdges = new TreeMap<>();
        for (Edge<Long, Void> e : Reference.rmatEdges(scale, edgeCount, 11)) {
            expectedEdges.merge((e.source() % 3) + ">" + (e.target() % 3) + ":" + (e.source() + e.target()) % 2, 1L, Long::sum);
        }
        Map<Long, String> actualVertices = new TreeMap<>();
        for (Vertex<Long, Summarization.Group<Long>> v : summary.getVertices().collect()) {
            actualVertices.put(v.id(), v.value().value() + "x" + v.value().count());
        }
        Map<String, Long> actualEdges = new TreeMap<>();
        for (Edge<Long, Summarization.Group<Long>> e : summary.getEdges().collect()) {
            assertEquals(null, actualEdges.put(e.source() + ">" + e.target() + ":" + e.value().value(), e.value().count()));
        }
        assertEquals(expectedVertices, actualVertices);
        assertEquals(expectedEdges, actualEdges);
        assertEquals(18, expectedEdges.size(), "every group pair with both edge values");
    }
}
