package io.eddy.gelly.library.metrics;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.library.SimpleGraph;

import java.util.List;

/**
 * Vertex figures of the {@link SimpleGraph simple undirected graph}, from one job: the number of
 * vertices (isolated ones included) and of undirected edges, the number of triplets (paths of length 2,
 * {@code Σ d·(d − 1)/2}), the largest degree and the largest triplet count of a vertex.
 * {@link #averageDegree()} is {@code 2·edges / vertices}.
 */
public record VertexMetrics(long vertices, long edges, long triplets, long maxDegree, long maxTriplets) {
    public double averageDegree() {
        return vertices == 0 ? 0.0 : 2.0 * edges / vertices;
    }

    public static <K extends Comparable<K>, VV, EV> GraphAlgorithm<K, VV, EV, VertexMetrics> compute() {
        return VertexMetrics::of;
    }

    private static <K extends Comparable<K>, VV, EV> VertexMetrics of(Graph<K, VV, EV> graph) throws Exception {
        List<long[]> parts = SimpleGraph.of(graph).degrees().mapPartition(new Partial<K>()).collect();
        long vertices = 0, degreeSum = 0, triplets = 0, maxDegree = 0, maxTriplets = 0;
        for (long[] p : parts) {
            vertices += p[0];
            degreeSum += p[1];
            triplets += p[2];
            maxDegree = Math.max(maxDegree, p[3]);
            maxTriplets = Math.max(maxTriplets, p[4]);
        }
        return new VertexMetrics(vertices, degreeSum / 2, triplets, maxDegree, maxTriplets);
    }

    private record Partial<K>() implements GroupReduceFunction<Tuple2<K, Long>, long[]> {
        @Override
        public void reduce(Iterable<Tuple2<K, Long>> degrees, Collector<long[]> out) {
            long n = 0, sum = 0, triplets = 0, max = 0, maxTriplets = 0;
            for (Tuple2<K, Long> d : degrees) {
                long t = d.f1 * (d.f1 - 1) / 2;
                n++;
                sum += d.f1;
                triplets += t;
                max = Math.max(max, d.f1);
                maxTriplets = Math.max(maxTriplets, t);
            }
            out.collect(new long[] {n, sum, triplets, max, maxTriplets});
        }
    }
}
