package io.eddy.gelly.library.clustering;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.tuple.Tuple3;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.library.SimpleGraph;

import java.util.List;

/**
 * The global and average clustering coefficients of the {@link SimpleGraph simple undirected graph},
 * from one job over the {@link LocalClusteringCoefficient local} figures:
 * <ul>
 *   <li>{@link #triangles()}: the number of triangles; {@link #triplets()}: the number of paths of length 2,
 *       {@code Σ d·(d − 1) / 2} over vertices;</li>
 *   <li>{@link #global()}: {@code 3 · triangles / triplets} (0 without triplets), the global clustering coefficient;</li>
 *   <li>{@link #average()}: the mean of the local coefficients over <em>all</em> vertices (those with
 *       {@code d < 2} count as 0), 0 for a graph without vertices.</li>
 * </ul>
 */
public record ClusteringSummary(long vertices, long triangles, long triplets, double localSum) {
    public double global() {
        return triplets == 0 ? 0.0 : 3.0 * triangles / triplets;
    }

    public double average() {
        return vertices == 0 ? 0.0 : localSum / vertices;
    }

    /** The algorithm: runs one job and returns the summary. */
    public static <K extends Comparable<K>, VV, EV> GraphAlgorithm<K, VV, EV, ClusteringSummary> compute() {
        return graph -> of(graph);
    }

    private static <K extends Comparable<K>, VV, EV> ClusteringSummary of(Graph<K, VV, EV> graph) throws Exception {
        List<double[]> parts = LocalClusteringCoefficient.of(SimpleGraph.of(graph)).mapPartition(new PartialSums<K>()).collect();
        long vertices = 0;
        long cornerCount = 0;
        long triplets = 0;
        double localSum = 0;
        for (double[] p : parts) {
            vertices += (long) p[0];
            cornerCount += (long) p[1];
            triplets += (long) p[2];
            localSum += p[3];
        }
        return new ClusteringSummary(vertices, cornerCount / 3, triplets, localSum);
    }

    /** Per partition: vertices, Σ t, Σ d(d − 1)/2, Σ local coefficient (exact in doubles up to 2^53). */
    private record PartialSums<K>() implements GroupReduceFunction<Tuple3<K, Long, Long>, double[]> {
        @Override
        public void reduce(Iterable<Tuple3<K, Long, Long>> values, Collector<double[]> out) {
            long n = 0;
            long t = 0;
            long triplets = 0;
            double local = 0;
            for (Tuple3<K, Long, Long> v : values) {
                n++;
                t += v.f2;
                triplets += v.f1 * (v.f1 - 1) / 2;
                local += LocalClusteringCoefficient.coefficient(v.f1, v.f2);
            }
            out.collect(new double[] {n, t, triplets, local});
        }
    }
}
