package io.eddy.gelly.library;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.Graph;
import io.eddy.gelly.Vertex;

/**
 * The simple undirected graph of a graph, on which the triangle, clustering and similarity algorithms
 * are defined: edge directions, self-loops and duplicate edges dropped. Each undirected edge
 * {@code {a, b}} appears once as {@code (a, b, directions)} with {@code a < b} and {@code directions} bit
 * 0 set when the graph has {@code a -> b}, bit 1 when it has {@code b -> a}. The degree of a vertex is
 * its number of distinct neighbours; every vertex of the graph has one, 0 for isolated vertices.
 */
public final class SimpleGraph<K extends Comparable<K>> {
    private final DataSet<Tuple3<K, K, Integer>> edges;
    private final DataSet<Tuple2<K, Long>> degrees;
    private final TypeInfo<K> keyType;

    private SimpleGraph(DataSet<Tuple3<K, K, Integer>> edges, DataSet<Tuple2<K, Long>> degrees, TypeInfo<K> keyType) {
        this.edges = edges;
        this.degrees = degrees;
        this.keyType = keyType;
    }

    public static <K extends Comparable<K>, VV, EV> SimpleGraph<K> of(Graph<K, VV, EV> graph) {
        TypeInfo<K> key = graph.getKeyType();
        DataSet<Tuple3<K, K, Integer>> edges = graph.getEdges().flatMap(new Oriented<K, EV>())
                .returns(Types.TUPLE(key, key, Types.INT))
                .groupBy(0, 1).reduce(new MergeDirections<K>());
        TypeInfo<Tuple2<K, Long>> counted = Types.TUPLE(key, Types.LONG);
        DataSet<Tuple2<K, Long>> zeros = graph.getVertices().map(new Zero<K, VV>()).returns(counted);
        DataSet<Tuple2<K, Long>> degrees = edges.flatMap(new BothEnds<K>()).returns(counted).union(zeros).groupBy(0).sum(1);
        return new SimpleGraph<>(edges, degrees, key);
    }

    /** {@code (a, b, directions)} with {@code a < b}, once per pair of adjacent vertices. */
    public DataSet<Tuple3<K, K, Integer>> edges() {
        return edges;
    }

    /** {@code (id, number of distinct neighbours)} for every vertex. */
    public DataSet<Tuple2<K, Long>> degrees() {
        return degrees;
    }

    public TypeInfo<K> keyType() {
        return keyType;
    }

    /** {@code (vertex, neighbour)} for both ends of every edge. */
    public DataSet<Tuple2<K, K>> neighbors() {
        return edges.flatMap(new BothWays<K>()).returns(Types.TUPLE(keyType, keyType));
    }

    private record Oriented<K extends Comparable<K>, EV>() implements FlatMapFunction<Edge<K, EV>, Tuple3<K, K, Integer>> {
        @Override
        public void flatMap(Edge<K, EV> edge, Collector<Tuple3<K, K, Integer>> out) {
            int c = edge.source().compareTo(edge.target());
            if (c < 0) {
                out.collect(Tuple3.of(edge.source(), edge.target(), 1));
            } else if (c > 0) {
                out.collect(Tuple3.of(edge.target(), edge.source(), 2));
            }
        }
    }

    private record MergeDirections<K>() implements ReduceFunction<Tuple3<K, K, Integer>> {
        @Override
        public Tuple3<K, K, Integer> reduce(Tuple3<K, K, Integer> a, Tuple3<K, K, Integer> b) {
            return Tuple3.of(a.f0, a.f1, a.f2 | b.f2);
        }
    }

    private record Zero<K, VV>() implements MapFunction<Vertex<K, VV>, Tuple2<K, Long>> {
        @Override
        public Tuple2<K, Long> map(Vertex<K, VV> vertex) {
            return Tuple2.of(vertex.id(), 0L);
        }
    }

    private record BothEnds<K>() implements FlatMapFunction<Tuple3<K, K, Integer>, Tuple2<K, Long>> {
        @Override
        public void flatMap(Tuple3<K, K, Integer> edge, Collector<Tuple2<K, Long>> out) {
            out.collect(Tuple2.of(edge.f0, 1L));
            out.collect(Tuple2.of(edge.f1, 1L));
        }
    }

    private record BothWays<K>() implements FlatMapFunction<Tuple3<K, K, Integer>, Tuple2<K, K>> {
        @Override
        public void flatMap(Tuple3<K, K, Integer> edge, Collector<Tuple2<K, K>> out) {
            out.collect(Tuple2.of(edge.f0, edge.f1));
            out.collect(Tuple2.of(edge.f1, edge.f0));
        }
    }
}
