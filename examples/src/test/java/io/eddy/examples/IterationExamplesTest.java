package io.eddy.examples;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The iteration examples on an embedded cluster, each against the same algorithm in plain Java. */
class IterationExamplesTest {
    @Test
    void kMeansMovesTheCentroidsLikeAPlainLloydIteration() throws Exception {
        int k = 4;
        int iterations = 6;
        List<Tuple2<Double, Double>> points = KMeans.points(3000, k);
        assertCentroids(lloyd(points, k, iterations), KMeans.run(ExecutionEnvironment.getExecutionEnvironment()
                .setParallelism(2), points, k, iterations));
    }

    @Test
    void connectedComponentsLabelsEveryVertexWithTheSmallestIdOfItsComponent() throws Exception {
        long vertices = 2000;
        List<Tuple2<Long, Long>> edges = ConnectedComponents.edges(vertices, 1500, 7);
        assertEquals(components(vertices, edges), ConnectedComponents.run(ExecutionEnvironment.getExecutionEnvironment()
                .setParallelism(2), vertices, edges, 1000));
    }

    /** The centroids (id, x, y) after {@code iterations} plain Lloyd steps from the first {@code k} points, by id. */
    static List<Tuple3<Integer, Double, Double>> lloyd(List<Tuple2<Double, Double>> points, int k, int iterations) {
        List<Tuple3<Integer, Double, Double>> centroids = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            centroids.add(Tuple3.of(c, points.get(c).f0, points.get(c).f1));
        }
        for (int i = 0; i < iterations; i++) {
            Map<Integer, double[]> sums = new TreeMap<>();
            for (Tuple2<Double, Double> p : points) {
                double[] sum = sums.computeIfAbsent(KMeans.nearest(centroids, p), c -> new double[3]);
                sum[0] += p.f0;
                sum[1] += p.f1;
                sum[2]++;
            }
            centroids = new ArrayList<>();
            for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
                centroids.add(Tuple3.of(e.getKey(), e.getValue()[0] / e.getValue()[2], e.getValue()[1] / e.getValue()[2]));
            }
        }
        return centroids;
    }

    static void assertCentroids(List<Tuple3<Integer, Double, Double>> expected, List<Tuple3<Integer, Double, Double>> actual) {
        assertEquals(expected.size(), actual.size());
        for (int c = 0; c < expected.size(); c++) {
            assertEquals(expected.get(c).f0, actual.get(c).f0);
            // sums are added in another order in parallel: equal up to rounding
            assertEquals(expected.get(c).f1, actual.get(c).f1, 1e-9);
            assertEquals(expected.get(c).f2, actual.get(c).f2, 1e-9);
        }
    }

    /** (vertex, smallest vertex id of its component) for every vertex, by vertex, with union-find. */
    static List<Tuple2<Long, Long>> components(long vertices, List<Tuple2<Long, Long>> edges) {
        long[] parent = new long[(int) vertices];
        for (int v = 0; v < vertices; v++) {
            parent[v] = v;
        }
        for (Tuple2<Long, Long> e : edges) {
            long a = root(parent, e.f0);
            long b = root(parent, e.f1);
            parent[(int) Math.max(a, b)] = Math.min(a, b);
        }
        List<Tuple2<Long, Long>> expected = new ArrayList<>();
        for (long v = 0; v < vertices; v++) {
            expected.add(Tuple2.of(v, root(parent, v)));
        }
        expected.sort(Comparator.comparing(t -> t.f0));
        return expected;
    }

    private static long root(long[] parent, long v) {
        while (parent[(int) v] != v) {
            v = parent[(int) v];
        }
        return v;
    }
}
