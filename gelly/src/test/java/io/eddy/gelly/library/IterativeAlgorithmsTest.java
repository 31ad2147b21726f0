package io.eddy.gelly.library;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.Graph;
import io.eddy.gelly.IterationOptions;
import io.eddy.gelly.Vertex;
import io.eddy.gelly.generator.RMatGraph;
import io.eddy.gelly.library.components.ConnectedComponents;
import io.eddy.gelly.library.community.LabelPropagation;
import io.eddy.gelly.library.linkanalysis.HITS;
import io.eddy.gelly.library.linkanalysis.PageRank;
import io.eddy.gelly.library.paths.SingleSourceShortestPaths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The algorithms on native iterations (PageRank, connected components in both models, SSSP) on a
 * seeded sparse R-MAT graph with many small components, on the embedded cluster at parallelism 1 and
 * 2, each against a plain-Java recomputation written from the javadoc.
 */
class IterativeAlgorithmsTest {
    private static final int SCALE = 9;
    private static final long EDGES = 700;
    private static final int N = 1 << SCALE;

    private static Graph<Long, Void, Void> graph(int parallelism) {
        return graph(parallelism, SCALE, EDGES);
    }

    private static Graph<Long, Void, Void> graph(int parallelism, int scale, long edges) {
        return new RMatGraph(ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism), scale, edges)
                .seed(7).generate();
    }

    private static List<Edge<Long, Void>> edgeList() {
        return Reference.rmatEdges(SCALE, EDGES, 7);
    }

    @ParameterizedTest
    @CsvSource({"1, 9, 700", "2, 12, 20000"})
    void personalizedPageRankTeleportsToTheSource(int parallelism, int scale, long edgeCount) throws Exception {
        List<Edge<Long, Void>> edges = Reference.rmatEdges(scale, edgeCount, 7);
        int n = 1 << scale;
        int source = edges.get(0).source().intValue();
        long[] outDegree = new long[n];
        edges.forEach(e -> outDegree[e.source().intValue()]++);
        double d = 0.7;
        double[] rank = new double[n];
        rank[source] = 1;
        for (int iteration = 0; iteration < 6; iteration++) {
            double dangling = 0;
            for (int v = 0; v < n; v++) {
                dangling += outDegree[v] == 0 ? rank[v] : 0;
            }
            double[] next = new double[n];
            for (Edge<Long, Void> e : edges) {
                next[e.target().intValue()] += rank[e.source().intValue()] / outDegree[e.source().intValue()];
            }
            for (int v = 0; v < n; v++) {
                next[v] = (v == source ? 1 - d : 0) + d * ((v == source ? dangling : 0) + next[v]);
            }
            rank = next;
        }
        List<Tuple2<Long, Double>> ranks = graph(parallelism, scale, edgeCount)
                .run(new PageRank<Long, Void, Void>().damping(d).iterations(6).personalized((long) source)).collect();
        assertEquals(n, ranks.size());
        int positive = 0;
        for (Tuple2<Long, Double> r : ranks) {
            assertEquals(rank[r.f0.intValue()], r.f1, 1e-12 * rank[r.f0.intValue()] + 1e-15, "rank of " + r.f0);
            positive += r.f1 > 0 ? 1 : 0;
        }
        assertTrue(positive > 10, "the source's rank spread to " + positive + " vertices");
    }

    @ParameterizedTest
    @CsvSource({"2, 9, 700"})
    void pageRankByToleranceStopsWhenTheChangeIsSmall(int parallelism, int scale, long edgeCount) throws Exception {
        List<Edge<Long, Void>> edges = Reference.rmatEdges(scale, edgeCount, 7);
        int n = 1 << scale;
        long[] outDegree = new long[n];
        edges.forEach(e -> outDegree[e.source().intValue()]++);
        double[] rank = new double[n];
        Arrays.fill(rank, 1.0 / n);
        double change = Double.MAX_VALUE;
        while (change >= 1e-6) {
            double dangling = 0;
            for (int v = 0; v < n; v++) {
                dangling += outDegree[v] == 0 ? rank[v] : 0;
            }
            double[] next = new double[n];
            for (Edge<Long, Void> e : edges) {
                next[e.target().intValue()] += rank[e.source().intValue()] / outDegree[e.source().intValue()];
            }
            change = 0;
            for (int v = 0; v < n; v++) {
                next[v] = 0.15 / n + 0.85 * (dangling / n + next[v]);
                change += Math.abs(next[v] - rank[v]);
            }
            rank = next;
        }
        for (Tuple2<Long, Double> r : graph(parallelism, scale, edgeCount).run(new PageRank<Long, Void, Void>().tolerance(1e-6, 1000))
                .collect()) {
            assertEquals(rank[r.f0.intValue()], r.f1, 1e-12 * rank[r.f0.intValue()] + 1e-15, "rank of " + r.f0);
        }
    }

    @ParameterizedTest
    @CsvSource({"1, SCATTER_GATHER, 9, 700", "2, SCATTER_GATHER, 9, 700", "1, GATHER_SUM_APPLY, 9, 700",
            "2, GATHER_SUM_APPLY, 9, 700", "1, VERTEX_CENTRIC, 9, 700", "2, VERTEX_CENTRIC, 9, 700",
            "2, SCATTER_GATHER, 12, 20000", "2, GATHER_SUM_APPLY, 12, 20000", "2, VERTEX_CENTRIC, 12, 20000",
            "1, BLOCKS, 9, 700", "2, BLOCKS, 9, 700", "3, BLOCKS, 12, 20000", "2, BLOCKS, 14, 100000"})
    void connectedComponentsLabelEachVertexWithTheSmallestIdOfItsComponent(int parallelism, ConnectedComponents.Model model,
            int scale, long edgeCount) throws Exception {
        int n = 1 << scale;
        long[] parent = new long[n];
        Arrays.setAll(parent, i -> i);
        for (Edge<Long, Void> e : Reference.rmatEdges(scale, edgeCount, 7)) {
            long a = find(parent, e.source());
            long b = find(parent, e.target());
            parent[(int) Math.max(a, b)] = Math.min(a, b);
        }
        Map<Long, Long> expected = new HashMap<>();
        for (long v = 0; v < n; v++) {
            expected.put(v, find(parent, v));
        }
        Map<Long, Long> actual = new HashMap<>();
        for (Vertex<Long, Long> v : graph(parallelism, scale, edgeCount).run(new ConnectedComponents<Long, Void, Void>(model, 1000)).collect()) {
            assertEquals(null, actual.put(v.id(), v.value()), "one label per vertex");
        }
        assertEquals(expected, actual);
        assertTrue(expected.values().stream().distinct().count() > 10, "the graph has several components");
    }

    /**
     * Blocks over ids that are not longs (numbered through a hash map, compared as strings), with a vertex
     * given without edges and one that a vertex set lacks: the edge to it fails naming it.
     */
    @ParameterizedTest
    @CsvSource({"1", "3"})
    void connectedComponentsInBlocksTakeAnyComparableIds(int parallelism) throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
        DataSet<Tuple2<String, String>> edges = env.fromElements(Tuple2.of("m", "k"), Tuple2.of("k", "x"), Tuple2.of("y", "x"),
                Tuple2.of("q", "p"), Tuple2.of("b", "q")).returns(Types.TUPLE(Types.STRING, Types.STRING));
        DataSet<Vertex<String, Void>> vertices = env.fromElements("m", "k", "x", "y", "q", "p", "b", "z")
                .map(id -> new Vertex<String, Void>(id, null)).returns(Vertex.type(Types.STRING, Types.VOID));
        Graph<String, Void, Void> graph = Graph.fromDataSet(vertices, Graph.fromTuple2DataSet(edges).getEdges());
        Map<String, String> labels = new HashMap<>();
        for (Vertex<String, String> v : graph.run(new ConnectedComponents<String, Void, Void>(ConnectedComponents.Model.BLOCKS,
                100)).collect()) {
            labels.put(v.id(), v.value());
        }
        assertEquals(Map.of("m", "k", "k", "k", "x", "k", "y", "k", "q", "b", "p", "b", "b", "b", "z", "z"), labels);

        DataSet<Vertex<String, Void>> lacking = vertices.filter(v -> !v.id().equals("p"));
        Exception e = assertThrows(Exception.class, () -> Graph.fromDataSet(lacking,
                Graph.fromTuple2DataSet(edges).getEdges()).run(new ConnectedComponents<String, Void, Void>(
                ConnectedComponents.Model.BLOCKS, 100)).collect());
        assertTrue(String.valueOf(e.getMessage()).contains("p, which is not a vertex of the graph")
                || String.valueOf(e.getMessage()).contains(", p, that is not a vertex of the graph"), e.getMessage());
    }

    private static long find(long[] parent, long v) {
        while (parent[(int) v] != v) {
            v = parent[(int) v];
        }
        return v;
    }

    @ParameterizedTest
    @CsvSource({"1, 9, 700", "2, 9, 700", "2, 13, 80000"})
    void pageRankRunsExactlyTheGivenIterations(int parallelism, int scale, long edgeCount) throws Exception {
        List<Edge<Long, Void>> edges = Reference.rmatEdges(scale, edgeCount, 7);
        int N = 1 << scale;
        long[] outDegree = new long[N];
        edges.forEach(e -> outDegree[e.source().intValue()]++);
        double d = 0.85;
        double[] rank = new double[N];
        Arrays.fill(rank, 1.0 / N);
        for (int iteration = 0; iteration < 7; iteration++) {
            double dangling = 0;
            for (int v = 0; v < N; v++) {
                dangling += outDegree[v] == 0 ? rank[v] : 0;
            }
            double[] next = new double[N];
            for (Edge<Long, Void> e : edges) {
                next[e.target().intValue()] += rank[e.source().intValue()] / outDegree[e.source().intValue()];
            }
            for (int v = 0; v < N; v++) {
                next[v] = (1 - d) / N + d * (dangling / N + next[v]);
            }
            rank = next;
        }
        List<Tuple2<Long, Double>> ranks = graph(parallelism, scale, edgeCount).run(new PageRank<Long, Void, Void>().iterations(7))
                .collect();
        assertEquals(N, ranks.size());
        double sum = 0;
        for (Tuple2<Long, Double> r : ranks) {
            assertEquals(rank[r.f0.intValue()], r.f1, 1e-12 * rank[r.f0.intValue()] + 1e-15, "rank of " + r.f0);
            sum += r.f1;
        }
        assertEquals(1.0, sum, 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"1, SCATTER_GATHER, 9, 700", "2, SCATTER_GATHER, 9, 700", "1, VERTEX_CENTRIC, 9, 700",
            "2, VERTEX_CENTRIC, 9, 700", "2, SCATTER_GATHER, 12, 20000", "2, VERTEX_CENTRIC, 12, 20000"})
    void singleSourceShortestPathsFollowDirectedWeightedEdges(int parallelism, SingleSourceShortestPaths.Model model,
            int scale, long edgeCount) throws Exception {
        List<Edge<Long, Void>> edges = Reference.rmatEdges(scale, edgeCount, 7);
        int n = 1 << scale;
        Map<Long, List<double[]>> out = new HashMap<>();
        for (Edge<Long, Void> e : edges) {
            out.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(new double[] {e.target(), weight(e)});
        }
        long source = edges.get(0).source();
        double[] distance = new double[n];
        Arrays.fill(distance, Double.POSITIVE_INFINITY);
        distance[(int) source] = 0;
        PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(a[1], b[1]));
        queue.add(new double[] {source, 0});
        while (!queue.isEmpty()) {
            double[] top = queue.poll();
            int v = (int) top[0];
            if (top[1] > distance[v]) {
                continue;
            }
            for (double[] e : out.getOrDefault((long) v, List.of())) {
                if (distance[v] + e[1] < distance[(int) e[0]]) {
                    distance[(int) e[0]] = distance[v] + e[1];
                    queue.add(new double[] {e[0], distance[(int) e[0]]});
                }
            }
        }
        Graph<Long, Void, Double> weighted = graph(parallelism, scale, edgeCount).mapEdges(IterativeAlgorithmsTest::weight, Types.DOUBLE);
        int reached = 0;
        List<Vertex<Long, Double>> result = weighted.run(new SingleSourceShortestPaths<Long, Void>(source, 1000, model,
                new IterationOptions().setSolutionSetUnmanagedMemory(parallelism == 1))).collect();
        assertEquals(n, result.size());
        for (Vertex<Long, Double> v : result) {
            assertEquals(distance[v.id().intValue()], v.value(), 1e-12, "distance of " + v.id());
            reached += v.value() < Double.POSITIVE_INFINITY ? 1 : 0;
        }
        assertTrue(reached > 5, "the source reaches several vertices: " + reached);
    }

    @ParameterizedTest
    @CsvSource({"1", "2"})
    void labelPropagationTakesTheMostFrequentInNeighbourLabel(int parallelism) throws Exception {
        List<Edge<Long, Void>> edges = edgeList();
        long[] label = new long[N];
        Arrays.setAll(label, i -> i);
        for (int iteration = 0; iteration < 4; iteration++) {
            List<Map<Long, Integer>> counts = new ArrayList<>();
            for (int v = 0; v < N; v++) {
                counts.add(new HashMap<>());
            }
            for (Edge<Long, Void> e : edges) {
                counts.get(e.target().intValue()).merge(label[e.source().intValue()], 1, Integer::sum);
            }
            long[] next = label.clone();
            for (int v = 0; v < N; v++) {
                long best = -1;
                int bestCount = 0;
                for (Map.Entry<Long, Integer> c : counts.get(v).entrySet()) {
                    if (c.getValue() > bestCount || (c.getValue() == bestCount && c.getKey() < best)) {
                        best = c.getKey();
                        bestCount = c.getValue();
                    }
                }
                if (bestCount > 0) {
                    next[v] = best;
                }
            }
            label = next;
        }
        int changed = 0;
        List<Vertex<Long, Long>> result = graph(parallelism).run(new LabelPropagation<Long, Void, Void>(4)).collect();
        assertEquals(N, result.size());
        for (Vertex<Long, Long> v : result) {
            assertEquals(label[v.id().intValue()], v.value(), "label of " + v.id());
            changed += v.value().equals(v.id()) ? 0 : 1;
        }
        assertTrue(changed > 20, "labels moved: " + changed);
    }

    @ParameterizedTest
    @CsvSource({"1", "2"})
    void hitsAlternatesHubsAndAuthoritiesAndNormalises(int parallelism) throws Exception {
        List<Edge<Long, Void>> edges = edgeList();
        double[] hub = new double[N];
        double[] authority = new double[N];
        Arrays.fill(authority, 1.0);
        for (int iteration = 0; iteration < 5; iteration++) {
            hub = new double[N];
            for (Edge<Long, Void> e : edges) {
                hub[e.source().intValue()] += authority[e.target().intValue()];
            }
            authority = new double[N];
            for (Edge<Long, Void> e : edges) {
                authority[e.target().intValue()] += hub[e.source().intValue()];
            }
            scale(hub);
            scale(authority);
        }
        List<Tuple3<Long, Double, Double>> result = graph(parallelism).run(new HITS<Long, Void, Void>(5)).collect();
        assertEquals(N, result.size());
        for (Tuple3<Long, Double, Double> s : result) {
            assertEquals(hub[s.f0.intValue()], s.f1, 1e-12, "hub of " + s.f0);
            assertEquals(authority[s.f0.intValue()], s.f2, 1e-12, "authority of " + s.f0);
        }
    }

    private static void scale(double[] vector) {
        double norm = 0;
        for (double x : vector) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = norm == 0 ? 0 : vector[i] / norm;
        }
    }

    /** A positive weight that depends on both ends, so that shortest paths differ from hop counts. */
    private static double weight(Edge<Long, ?> e) {
        return 1 + (e.source() * 31 + e.target()) % 5;
    }
}
