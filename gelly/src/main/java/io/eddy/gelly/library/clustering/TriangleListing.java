package io.eddy.gelly.library.clustering;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.tuple.Tuple4;
import io.eddy.api.tuple.Tuple5;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.library.SimpleGraph;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists the triangles of a graph's {@link SimpleGraph simple undirected graph}: every set of three
 * vertices joined pairwise, once, as {@code (a, b, c)} with {@code a < b < c}.
 *
 * <p>{@link #directed} also gives which directed edges the original graph has between them, as a
 * bit mask: bit 0 {@code a->b}, 1 {@code b->a}, 2 {@code a->c}, 3 {@code c->a}, 4 {@code b->c}, 5 {@code c->b}.
 *
 * <p>Method: each edge points from the end of lower degree to the other (ties by id), so a vertex has
 * few out-neighbours even when its degree is high; each vertex pairs up its out-neighbours into open
 * triads, and a triad whose third edge exists closes a triangle, found exactly once, at its
 * lowest-ranked vertex.
 */
public final class TriangleListing {
    private TriangleListing() {}

    public static <K extends Comparable<K>, VV, EV> DataSet<Tuple3<K, K, K>> undirected(Graph<K, VV, EV> graph) {
        return undirected(SimpleGraph.of(graph));
    }

    public static <K extends Comparable<K>> DataSet<Tuple3<K, K, K>> undirected(SimpleGraph<K> simple) {
        TypeInfo<K> k = simple.keyType();
        return directed(simple).map(new DropMask<K>()).returns(Types.TUPLE(k, k, k));
    }

    public static <K extends Comparable<K>, VV, EV> DataSet<Tuple4<K, K, K, Integer>> directed(Graph<K, VV, EV> graph) {
        return directed(SimpleGraph.of(graph));
    }

    public static <K extends Comparable<K>> DataSet<Tuple4<K, K, K, Integer>> directed(SimpleGraph<K> simple) {
        TypeInfo<K> k = simple.keyType();
        // (a, b, mask, degree of a), then (low, high, mask of (min, max)) by (degree, id)
        DataSet<Tuple4<K, K, Integer, Long>> withDegree = simple.edges().join(simple.degrees()).where(0).equalTo(0)
                .with(new AddDegree<K>()).returns(Types.TUPLE(k, k, Types.INT, Types.LONG));
        DataSet<Tuple3<K, K, Integer>> oriented = withDegree.join(simple.degrees()).where(1).equalTo(0)
                .with(new Orient<K>()).returns(Types.TUPLE(k, k, Types.INT));
        DataSet<Tuple5<K, K, K, Integer, Integer>> triads = oriented.groupBy(0)
                .reduceGroup(new OpenTriads<K>()).returns(Types.TUPLE(k, k, k, Types.INT, Types.INT));
        return triads.join(simple.edges()).where(1, 2).equalTo(0, 1).with(new CloseTriad<K>())
                .returns(Types.TUPLE(k, k, k, Types.INT));
    }

    private record AddDegree<K>() implements JoinFunction<Tuple3<K, K, Integer>, Tuple2<K, Long>, Tuple4<K, K, Integer, Long>> {
        @Override
        public Tuple4<K, K, Integer, Long> join(Tuple3<K, K, Integer> edge, Tuple2<K, Long> degree) {
            return Tuple4.of(edge.f0, edge.f1, edge.f2, degree.f1);
        }
    }

    private record Orient<K extends Comparable<K>>() implements JoinFunction<Tuple4<K, K, Integer, Long>, Tuple2<K, Long>, Tuple3<K, K, Integer>> {
        @Override
        public Tuple3<K, K, Integer> join(Tuple4<K, K, Integer, Long> edge, Tuple2<K, Long> degree) {
            boolean firstLow = edge.f3 < degree.f1 || (edge.f3.equals(degree.f1) && edge.f0.compareTo(edge.f1) < 0);
            return firstLow ? Tuple3.of(edge.f0, edge.f1, edge.f2) : Tuple3.of(edge.f1, edge.f0, edge.f2);
        }
    }

    /** Per low vertex: {@code (low, v, w, mask of (low, v), mask of (low, w))} for each pair {@code v < w} of its out-neighbours. */
    private record OpenTriads<K extends Comparable<K>>() implements GroupReduceFunction<Tuple3<K, K, Integer>, Tuple5<K, K, K, Integer, Integer>> {
        @Override
        public void reduce(Iterable<Tuple3<K, K, Integer>> edges, Collector<Tuple5<K, K, K, Integer, Integer>> out) {
            K low = null;
            List<K> neighbors = new ArrayList<>();
            List<Integer> masks = new ArrayList<>();
            for (Tuple3<K, K, Integer> e : edges) {
                low = e.f0;
                neighbors.add(e.f1);
                masks.add(e.f2);
            }
            for (int i = 0; i < neighbors.size(); i++) {
                for (int j = i + 1; j < neighbors.size(); j++) {
                    boolean ordered = neighbors.get(i).compareTo(neighbors.get(j)) < 0;
                    int v = ordered ? i : j;
                    int w = ordered ? j : i;
                    out.collect(Tuple5.of(low, neighbors.get(v), neighbors.get(w), masks.get(v), masks.get(w)));
                }
            }
        }
    }

    /** Sorts the three vertices and gathers the six direction bits. */
    private record CloseTriad<K extends Comparable<K>>()
            implements FlatJoinFunction<Tuple5<K, K, K, Integer, Integer>, Tuple3<K, K, Integer>, Tuple4<K, K, K, Integer>> {
        @Override
        public void join(Tuple5<K, K, K, Integer, Integer> triad, Tuple3<K, K, Integer> closing, Collector<Tuple4<K, K, K, Integer>> out) {
            K low = triad.f0;
            K v = triad.f1;
            K w = triad.f2;
            // (low, v) and (low, w) masks are relative to (min, max) of each pair; (v, w) has v < w
            @SuppressWarnings("unchecked")
            K[] sorted = (K[]) new Comparable[] {low, v, w};
            java.util.Arrays.sort(sorted);
            K a = sorted[0];
            K b = sorted[1];
            K c = sorted[2];
            int ab = pairBits(a, b, low, v, w, triad.f3, triad.f4, closing.f2);
            int ac = pairBits(a, c, low, v, w, triad.f3, triad.f4, closing.f2);
            int bc = pairBits(b, c, low, v, w, triad.f3, triad.f4, closing.f2);
            out.collect(Tuple4.of(a, b, c, ab | ac << 2 | bc << 4));
        }

        /** The direction bits of pair {@code (x, y)}, {@code x < y}: bit 0 {@code x -> y}, bit 1 {@code y -> x}. */
        private static <K extends Comparable<K>> int pairBits(K x, K y, K low, K v, K w, int lowV, int lowW, int vw) {
            if (x.equals(v) && y.equals(w)) {
                return vw;
            }
            // the pair contains low and one of v, w; their masks are stored relative to (min, max) = (x, y)
            K other = x.equals(low) ? y : x;
            return other.equals(v) ? lowV : lowW;
        }
    }

    private record DropMask<K>() implements MapFunction<Tuple4<K, K, K, Integer>, Tuple3<K, K, K>> {
        @Override
        public Tuple3<K, K, K> map(Tuple4<K, K, K, Integer> t) {
            return Tuple3.of(t.f0, t.f1, t.f2);
        }
    }
}
