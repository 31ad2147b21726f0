package io.eddy.gelly.library.metrics;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.tuple.Tuple4;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;

import java.util.List;

/**
 * Edge figures of the directed graph as given, from one job: {@link #edges()} all edges (parallel ones
 * each), {@link #selfLoops()} those from a vertex to itself, {@link #distinctEdges()} the distinct
 * {@code (source, target)} pairs, {@link #undirectedEdges()} the distinct unordered pairs of different
 * vertices (the edges of the simple undirected graph), {@link #mutualPairs()} those of them joined in
 * both directions, and {@link #maxMultiplicity()} the most edges that join one ordered pair.
 */
public record EdgeMetrics(long edges, long selfLoops, long distinctEdges, long undirectedEdges, long mutualPairs,
        long maxMultiplicity) {

    public static <K extends Comparable<K>, VV, EV> GraphAlgorithm<K, VV, EV, EdgeMetrics> compute() {
        return EdgeMetrics::of;
    }

    private static <K extends Comparable<K>, VV, EV> EdgeMetrics of(Graph<K, VV, EV> graph) throws Exception {
        TypeInfo<K> k = graph.getKeyType();
        // (min, max, count of min -> max, count of max -> min); a self-loop counts in f2
        List<long[]> parts = graph.getEdges().map(new Unordered<K, EV>()).returns(Types.TUPLE(k, k, Types.LONG, Types.LONG))
                .groupBy(0, 1).reduce(new AddCounts<K>()).mapPartition(new Partial<K>()).collect();
        long[] total = new long[6];
        for (long[] p : parts) {
            for (int i = 0; i < 5; i++) {
                total[i] += p[i];
            }
            total[5] = Math.max(total[5], p[5]);
        }
        return new EdgeMetrics(total[0], total[1], total[2], total[3], total[4], total[5]);
    }

    private record Unordered<K extends Comparable<K>, EV>() implements MapFunction<Edge<K, EV>, Tuple4<K, K, Long, Long>> {
        @Override
        public Tuple4<K, K, Long, Long> map(Edge<K, EV> e) {
            return e.source().compareTo(e.target()) <= 0 ? Tuple4.of(e.source(), e.target(), 1L, 0L)
                    : Tuple4.of(e.target(), e.source(), 0L, 1L);
        }
    }

    private record AddCounts<K>() implements ReduceFunction<Tuple4<K, K, Long, Long>> {
        @Override
        public Tuple4<K, K, Long, Long> reduce(Tuple4<K, K, Long, Long> a, Tuple4<K, K, Long, Long> b) {
            return Tuple4.of(a.f0, a.f1, a.f2 + b.f2, a.f3 + b.f3);
        }
    }

    /** Per partition: edges, self-loops, distinct edges, undirected edges, mutual pairs, max multiplicity. */
    private record Partial<K>() implements GroupReduceFunction<Tuple4<K, K, Long, Long>, long[]> {
        @Override
        public void reduce(Iterable<Tuple4<K, K, Long, Long>> pairs, Collector<long[]> out) {
            long[] m = new long[6];
            for (Tuple4<K, K, Long, Long> p : pairs) {
                long forward = p.f2;
                long backward = p.f3;
                m[0] += forward + backward;
                m[5] = Math.max(m[5], Math.max(forward, backward));
                if (p.f0.equals(p.f1)) {
                    m[1] += forward;
                    m[2]++;
                    continue;
                }
                m[2] += (forward > 0 ? 1 : 0) + (backward > 0 ? 1 : 0);
                m[3]++;
                m[4] += forward > 0 && backward > 0 ? 1 : 0;
            }
            out.collect(m);
        }
    }
}
