package io.eddy.gelly.library;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.tuple.Tuple4;
import io.eddy.gelly.Edge;
import io.eddy.gelly.Graph;
import io.eddy.gelly.generator.RMatGraph;
import io.eddy.gelly.library.clustering.ClusteringSummary;
import io.eddy.gelly.library.clustering.LocalClusteringCoefficient;
import io.eddy.gelly.library.clustering.TriangleCount;
import io.eddy.gelly.library.clustering.TriangleListing;
import io.eddy.gelly.library.metrics.EdgeMetrics;
import io.eddy.gelly.library.metrics.VertexMetrics;
import io.eddy.gelly.library.similarity.AdamicAdar;
import io.eddy.gelly.library.similarity.JaccardIndex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The triangle, clustering, similarity and metrics algorithms on a seeded R-MAT graph (skewed, with
 * parallel edges and reciprocal pairs), on the embedded cluster at parallelism 1 and 2, each against a
 * plain-Java recomputation from the edge list.
 */
class NonIterativeAlgorithmsTest {
    private static final int SCALE = 8;
    private static final long EDGES = 3_000;
    private static final long N = 1L << SCALE;

    private static Graph<Long, Void, Void> graph(int parallelism) {
        return new RMatGraph(ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism), SCALE, EDGES)
                .seed(42).generate();
    }

    private static List<Edge<Long, Void>> edgeList() {
        return Reference.rmatEdges(SCALE, EDGES, 42);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void trianglesAndClusteringMatchABruteForceCount(int parallelism) throws Exception {
        Graph<Long, Void, Void> graph = graph(parallelism);
        List<Edge<Long, Void>> edges = edgeList();
        Map<Long, Set<Long>> adjacency = Reference.neighbors(N, edges);
        Set<List<Long>> expected = Reference.triangles(adjacency);
        assertTrue(expected.size() > 100, "the test graph has triangles: " + expected.size());

        Set<List<Long>> listed = new HashSet<>();
        for (Tuple3<Long, Long, Long> t : TriangleListing.undirected(graph).collect()) {
            assertTrue(listed.add(List.of(t.f0, t.f1, t.f2)), "listed twice: " + t);
        }
        assertEquals(new HashSet<>(expected), listed);

        Set<List<Long>> directed = new HashSet<>();
        Set<List<Long>> edgeSet = new HashSet<>();
        edges.forEach(e -> edgeSet.add(List.of(e.source(), e.target())));
        for (Tuple4<Long, Long, Long, Integer> t : TriangleListing.directed(graph).collect()) {
            long[][] pairs = {{t.f0, t.f1}, {t.f1, t.f0}, {t.f0, t.f2}, {t.f2, t.f0}, {t.f1, t.f2}, {t.f2, t.f1}};
            for (int bit = 0; bit < 6; bit++) {
                assertEquals(edgeSet.contains(List.of(pairs[bit][0], pairs[bit][1])), (t.f3 & (1 << bit)) != 0,
                        "bit " + bit + " of " + t);
            }
            directed.add(List.of(t.f0, t.f1, t.f2));
        }
        assertEquals(listed, directed);

        Map<Long, Long> perVertex = new TreeMap<>();
        adjacency.keySet().forEach(v -> perVertex.put(v, 0L));
        expected.forEach(t -> t.forEach(v -> perVertex.merge(v, 1L, Long::sum)));
        Map<Long, Long> counted = new TreeMap<>();
        for (Tuple2<Long, Long> c : graph.run(new TriangleCount<Long, Void, Void>()).collect()) {
            counted.put(c.f0, c.f1);
        }
        assertEquals(perVertex, counted);

        Map<Long, Double> local = new TreeMap<>();
        double localSum = 0;
        long triplets = 0;
        for (long v = 0; v < N; v++) {
            long d = adjacency.get(v).size();
            double c = d < 2 ? 0 : 2.0 * perVertex.get(v) / (d * (d - 1.0));
            local.put(v, c);
            localSum += c;
            triplets += d * (d - 1) / 2;
        }
        for (Tuple3<Long, Long, Long> r : graph.run(new LocalClusteringCoefficient<Long, Void, Void>()).collect()) {
            assertEquals(adjacency.get(r.f0).size(), r.f1);
            assertEquals(local.get(r.f0), LocalClusteringCoefficient.coefficient(r.f1, r.f2), 1e-12);
        }
        ClusteringSummary summary = graph.run(ClusteringSummary.compute());
        assertEquals(expected.size(), summary.triangles());
        assertEquals(triplets, summary.triplets());
        assertEquals(3.0 * expected.size() / triplets, summary.global(), 1e-12);
        assertEquals(localSum / N, summary.average(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void jaccardAndAdamicAdarScoreEveryPairWithACommonNeighbour(int parallelism) throws Exception {
        Graph<Long, Void, Void> graph = graph(parallelism);
        Map<Long, Set<Long>> adjacency = Reference.neighbors(N, edgeList());
        Map<List<Long>, double[]> expected = new HashMap<>();
        for (long a = 0; a < N; a++) {
            for (long b = a + 1; b < N; b++) {
                Set<Long> shared = new HashSet<>(adjacency.get(a));
                shared.retainAll(adjacency.get(b));
                if (shared.isEmpty()) {
                    continue;
                }
                Set<Long> union = new HashSet<>(adjacency.get(a));
                union.addAll(adjacency.get(b));
                double aa = 0;
                for (long w : shared) {
                    aa += 1 / Math.log(adjacency.get(w).size());
                }
                expected.put(List.of(a, b), new double[] {(double) shared.size() / union.size(), aa});
            }
        }
        List<Tuple3<Long, Long, Double>> jaccard = graph.run(new JaccardIndex<Long, Void, Void>()).collect();
        assertEquals(expected.size(), jaccard.size());
        for (Tuple3<Long, Long, Double> j : jaccard) {
            assertEquals(expected.get(List.of(j.f0, j.f1))[0], j.f2, 1e-15, "jaccard " + j);
        }
        List<Tuple3<Long, Long, Double>> adamicAdar = graph.run(new AdamicAdar<Long, Void, Void>()).collect();
        assertEquals(expected.size(), adamicAdar.size());
        for (Tuple3<Long, Long, Double> s : adamicAdar) {
            assertEquals(expected.get(List.of(s.f0, s.f1))[1], s.f2, 1e-9, "adamic-adar " + s);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void vertexAndEdgeMetricsCountWhatTheyName(int parallelism) throws Exception {
        Graph<Long, Void, Void> graph = graph(parallelism);
        List<Edge<Long, Void>> edges = new ArrayList<>(edgeList());
        Map<Long, Set<Long>> adjacency = Reference.neighbors(N, edges);
        long undirected = 0, triplets = 0, maxDegree = 0, maxTriplets = 0;
        for (Set<Long> ns : adjacency.values()) {
            undirected += ns.size();
            triplets += (long) ns.size() * (ns.size() - 1) / 2;
            maxDegree = Math.max(maxDegree, ns.size());
            maxTriplets = Math.max(maxTriplets, (long) ns.size() * (ns.size() - 1) / 2);
        }
        assertEquals(new VertexMetrics(N, undirected / 2, triplets, maxDegree, maxTriplets), graph.run(VertexMetrics.compute()));

        Map<List<Long>, Long> multiplicity = new HashMap<>();
        edges.forEach(e -> multiplicity.merge(List.of(e.source(), e.target()), 1L, Long::sum));
        long mutual = multiplicity.keySet().stream().filter(p -> p.get(0) < p.get(1)
                && multiplicity.containsKey(List.of(p.get(1), p.get(0)))).count();
        long max = multiplicity.values().stream().mapToLong(Long::longValue).max().orElse(0);
        assertEquals(new EdgeMetrics(edges.size(), 0, multiplicity.size(), undirected / 2, mutual, max),
                graph.run(EdgeMetrics.compute()));
    }
}
