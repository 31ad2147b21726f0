package io.eddy.gelly.library;

import io.eddy.gelly.Edge;
import io.eddy.gelly.generator.RMatGraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Plain-Java recomputations on an edge list, written straight from the algorithms' javadoc. */
public final class Reference {
    private Reference() {}

    /** The edges {@link RMatGraph} generates with {@code seed}, self-loops dropped, computed in this JVM. */
    public static List<Edge<Long, Void>> rmatEdges(int scale, long edgeCount, long seed) {
        RMatGraph rmat = new RMatGraph(null, scale, edgeCount).seed(seed);
        List<Edge<Long, Void>> edges = new ArrayList<>();
        for (long e = 0; e < edgeCount; e++) {
            long p = rmat.edge(e);
            if (p >>> 32 != (p & 0xFFFFFFFFL)) {
                edges.add(new Edge<>(p >>> 32, p & 0xFFFFFFFFL, null));
            }
        }
        return edges;
    }

    /** Distinct neighbours in the simple undirected graph, for every vertex in {@code 0 .. n-1}. */
    public static Map<Long, Set<Long>> neighbors(long n, List<Edge<Long, Void>> edges) {
        Map<Long, Set<Long>> adjacency = new TreeMap<>();
        for (long v = 0; v < n; v++) {
            adjacency.put(v, new TreeSet<>());
        }
        for (Edge<Long, Void> e : edges) {
            if (!e.source().equals(e.target())) {
                adjacency.get(e.source()).add(e.target());
                adjacency.get(e.target()).add(e.source());
            }
        }
        return adjacency;
    }

    /** Triangles {@code a < b < c}, sorted. */
    public static Set<List<Long>> triangles(Map<Long, Set<Long>> adjacency) {
        Set<List<Long>> result = new TreeSet<>((x, y) -> {
            for (int i = 0; i < 3; i++) {
                int c = Long.compare(x.get(i), y.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        adjacency.forEach((a, na) -> {
            for (long b : na) {
                if (b <= a) {
                    continue;
                }
                for (long c : adjacency.get(b)) {
                    if (c > b && na.contains(c)) {
                        result.add(List.of(a, b, c));
                    }
                }
            }
        });
        return result;
    }
}
