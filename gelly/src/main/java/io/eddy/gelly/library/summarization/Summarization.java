package io.eddy.gelly.library.summarization;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.tuple.Tuple4;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.Vertex;

/**
 * Graph summarisation (Gelly's {@code Summarization}): the graph of vertex groups. Vertices with equal
 * values form a group; the summary has one vertex per group, whose id is the group's smallest vertex id
 * (its representative) and whose value is {@code (group value, number of vertices)}. Each edge {@code u -> v}
 * with value {@code x} is mapped to {@code rep(u) -> rep(v)}; the summary has one edge per distinct
 * {@code (rep(u), rep(v), x)}, with value {@code (x, number of such edges)}. Vertex and edge values must be
 * of key types (numbers, strings, ...) and not null; edges whose ends are not vertices are dropped.
 */
public final class Summarization<K extends Comparable<K>, VV, EV>
        implements GraphAlgorithm<K, VV, EV, Graph<K, Summarization.Group<VV>, Summarization.Group<EV>>> {

    /** A summary vertex's or edge's value: the value shared by its group's members and how many there are. */
    public record Group<V>(V value, Long count) {
        public static <V> TypeInfo<Group<V>> type(TypeInfo<V> valueType) {
            return Types.RECORD(Group.class, valueType, Types.LONG);
        }
    }

    @Override
    public Graph<K, Group<VV>, Group<EV>> run(Graph<K, VV, EV> graph) {
        TypeInfo<K> key = graph.getKeyType();
        TypeInfo<VV> value = graph.getVertexValueType();
        TypeInfo<EV> edgeValue = graph.getEdgeValueType();
        // (value, representative, size) per group
        DataSet<Tuple3<VV, K, Long>> groups = graph.getVertices().map(new Member<K, VV>()).returns(Types.TUPLE(value, key, Types.LONG))
                .groupBy(0).reduce(new SmallestIdAndCount<K, VV>());
        DataSet<Vertex<K, Group<VV>>> summaryVertices = groups.map(new SummaryVertex<K, VV>()).returns(Vertex.type(key, Group.type(value)));
        DataSet<Tuple2<K, K>> representative = graph.getVertices().join(groups).where(1).equalTo(0)
                .with(new RepresentativeOf<K, VV>()).returns(Types.TUPLE(key, key));
        TypeInfo<Tuple4<K, K, EV, Long>> edgeGroupType = Types.TUPLE(key, key, edgeValue, Types.LONG);
        DataSet<Tuple4<K, K, EV, Long>> bySource = graph.getEdges().join(representative).where(0).equalTo(0)
                .with(new SourceGroup<K, EV>()).returns(edgeGroupType);
        DataSet<Edge<K, Group<EV>>> summaryEdges = bySource.join(representative).where(1).equalTo(0)
                .with(new TargetGroup<K, EV>()).returns(edgeGroupType)
                .groupBy(0, 1, 2).reduce(new CountEdges<K, EV>())
                .map(new SummaryEdge<K, EV>()).returns(Edge.type(key, Group.type(edgeValue)));
        return Graph.fromDataSet(summaryVertices, summaryEdges);
    }

    private record Member<K, VV>() implements MapFunction<Vertex<K, VV>, Tuple3<VV, K, Long>> {
        @Override
        public Tuple3<VV, K, Long> map(Vertex<K, VV> vertex) {
            if (vertex.value() == null) {
                throw new IllegalArgumentException("Summarization groups vertices by value, but vertex " + vertex.id()
                        + " has none: give every vertex a value (e.g. with mapVertices)");
            }
            return Tuple3.of(vertex.value(), vertex.id(), 1L);
        }
    }

    private record SmallestIdAndCount<K extends Comparable<K>, VV>() implements ReduceFunction<Tuple3<VV, K, Long>> {
        @Override
        public Tuple3<VV, K, Long> reduce(Tuple3<VV, K, Long> a, Tuple3<VV, K, Long> b) {
            return Tuple3.of(a.f0, a.f1.compareTo(b.f1) <= 0 ? a.f1 : b.f1, a.f2 + b.f2);
        }
    }

    private record SummaryVertex<K, VV>() implements MapFunction<Tuple3<VV, K, Long>, Vertex<K, Group<VV>>> {
        @Override
        public Vertex<K, Group<VV>> map(Tuple3<VV, K, Long> group) {
            return new Vertex<>(group.f1, new Group<>(group.f0, group.f2));
        }
    }

    private record RepresentativeOf<K, VV>() implements JoinFunction<Vertex<K, VV>, Tuple3<VV, K, Long>, Tuple2<K, K>> {
        @Override
        public Tuple2<K, K> join(Vertex<K, VV> vertex, Tuple3<VV, K, Long> group) {
            return Tuple2.of(vertex.id(), group.f1);
        }
    }

    private record SourceGroup<K, EV>() implements JoinFunction<Edge<K, EV>, Tuple2<K, K>, Tuple4<K, K, EV, Long>> {
        @Override
        public Tuple4<K, K, EV, Long> join(Edge<K, EV> edge, Tuple2<K, K> source) {
            if (edge.value() == null) {
                throw new IllegalArgumentException("Summarization groups edges by value, but edge " + edge.source() + " -> "
                        + edge.target() + " has none: give every edge a value (e.g. with mapEdges)");
            }
            return Tuple4.of(source.f1, edge.target(), edge.value(), 1L);
        }
    }

    private record TargetGroup<K, EV>() implements JoinFunction<Tuple4<K, K, EV, Long>, Tuple2<K, K>, Tuple4<K, K, EV, Long>> {
        @Override
        public Tuple4<K, K, EV, Long> join(Tuple4<K, K, EV, Long> edge, Tuple2<K, K> target) {
            return Tuple4.of(edge.f0, target.f1, edge.f2, edge.f3);
        }
    }

    private record CountEdges<K, EV>() implements ReduceFunction<Tuple4<K, K, EV, Long>> {
        @Override
        public Tuple4<K, K, EV, Long> reduce(Tuple4<K, K, EV, Long> a, Tuple4<K, K, EV, Long> b) {
            return Tuple4.of(a.f0, a.f1, a.f2, a.f3 + b.f3);
        }
    }

    private record SummaryEdge<K, EV>() implements MapFunction<Tuple4<K, K, EV, Long>, Edge<K, Group<EV>>> {
        @Override
        public Edge<K, Group<EV>> map(Tuple4<K, K, EV, Long> edge) {
            return new Edge<>(edge.f0, edge.f1, new Group<>(edge.f2, edge.f3));
        }
    }
}
