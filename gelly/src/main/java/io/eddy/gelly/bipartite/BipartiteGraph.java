package io.eddy.gelly.bipartite;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple4;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.Graph;
import io.eddy.gelly.Vertex;

/**
 * A bipartite graph: two vertex sets, top and bottom (each with its own id and value types), and edges
 * that each join one top vertex to one bottom vertex (several between the same pair allowed). Like
 * {@link Graph} it is immutable and lazy: the projections record DataSet operations.
 *
 * <p>The projections turn it into a {@link Graph} of one side: the top projection has the top vertices
 * and, for every bottom vertex {@code b} and every two bipartite edges {@code (t1, b)} and {@code (t2, b)}
 * with {@code t1 != t2}, an edge {@code t1 -> t2} (so each shared neighbour gives an edge each way, and
 * parallel bipartite edges give parallel projected edges). Simple projections carry the two bipartite
 * edge values {@code (value of (t1, b), value of (t2, b))}; full ones a {@link Projection} that adds
 * {@code b}'s id and value. The bottom projections are the same with the sides exchanged.
 */
public final class BipartiteGraph<KT, KB, VVT, VVB, EV> {
    private final DataSet<Vertex<KT, VVT>> topVertices;
    private final DataSet<Vertex<KB, VVB>> bottomVertices;
    private final DataSet<BipartiteEdge<KT, KB, EV>> edges;
    private final TypeInfo<KT> topKeyType;
    private final TypeInfo<KB> bottomKeyType;
    private final TypeInfo<VVT> topValueType;
    private final TypeInfo<VVB> bottomValueType;
    private final TypeInfo<EV> edgeValueType;

    private BipartiteGraph(DataSet<Vertex<KT, VVT>> topVertices, DataSet<Vertex<KB, VVB>> bottomVertices,
            DataSet<BipartiteEdge<KT, KB, EV>> edges) {
        this.topVertices = topVertices;
        this.bottomVertices = bottomVertices;
        this.edges = edges;
        this.topKeyType = field(topVertices.getType(), 0);
        this.topValueType = field(topVertices.getType(), 1);
        this.bottomKeyType = field(bottomVertices.getType(), 0);
        this.bottomValueType = field(bottomVertices.getType(), 1);
        this.edgeValueType = field(edges.getType(), 2);
        TypeInfo<KT> edgeTop = field(edges.getType(), 0);
        TypeInfo<KB> edgeBottom = field(edges.getType(), 1);
        if (!edgeTop.equals(topKeyType) || !edgeBottom.equals(bottomKeyType)) {
            throw new IllegalArgumentException("The edges join " + edgeTop + " to " + edgeBottom + " but the vertices have ids "
                    + topKeyType + " (top) and " + bottomKeyType + " (bottom): give the edges the vertices' id types");
        }
    }

    /** The bipartite graph of these vertices and edges (the caller keeps ids unique and edge ends existing). */
    public static <KT, KB, VVT, VVB, EV> BipartiteGraph<KT, KB, VVT, VVB, EV> fromDataSet(DataSet<Vertex<KT, VVT>> topVertices,
            DataSet<Vertex<KB, VVB>> bottomVertices, DataSet<BipartiteEdge<KT, KB, EV>> edges) {
        return new BipartiteGraph<>(topVertices, bottomVertices, edges);
    }

    /**
     * The bipartite graph of these edges: its top vertices are the distinct top ids of the edges, its
     * bottom vertices the distinct bottom ids, all with null values.
     */
    public static <KT, KB, EV> BipartiteGraph<KT, KB, Void, Void, EV> fromDataSet(DataSet<BipartiteEdge<KT, KB, EV>> edges) {
        TypeInfo<KT> top = field(edges.getType(), 0);
        TypeInfo<KB> bottom = field(edges.getType(), 1);
        DataSet<Vertex<KT, Void>> topVertices = edges.map(new TopEnd<KT, KB, EV>()).returns(Vertex.type(top, Types.VOID))
                .groupBy(0).reduce(new OneOf<KT>());
        DataSet<Vertex<KB, Void>> bottomVertices = edges.map(new BottomEnd<KT, KB, EV>()).returns(Vertex.type(bottom, Types.VOID))
                .groupBy(0).reduce(new OneOf<KB>());
        return new BipartiteGraph<>(topVertices, bottomVertices, edges);
    }

    @SuppressWarnings("unchecked")
    private static <F> TypeInfo<F> field(TypeInfo<?> type, int position) {
        return (TypeInfo<F>) type.getFieldAccessor(position).getFieldType();
    }

    public DataSet<Vertex<KT, VVT>> getTopVertices() {
        return topVertices;
    }

    public DataSet<Vertex<KB, VVB>> getBottomVertices() {
        return bottomVertices;
    }

    public DataSet<BipartiteEdge<KT, KB, EV>> getEdges() {
        return edges;
    }

    /** The top vertices, joined through shared bottom neighbours; edge values (source's edge value, target's). */
    public Graph<KT, VVT, Tuple2<EV, EV>> projectionTopSimple() {
        DataSet<Tuple4<KB, KT, EV, Void>> byBottom = edges.map(new ByBottom<KT, KB, EV>()).returns(viaType(bottomKeyType, topKeyType, Types.VOID));
        return Graph.fromDataSet(topVertices, pairs(byBottom, topKeyType, new SimpleValue<KB, KT, EV, Void>(),
                Types.TUPLE(edgeValueType, edgeValueType)));
    }

    /** The bottom vertices, joined through shared top neighbours; edge values (source's edge value, target's). */
    public Graph<KB, VVB, Tuple2<EV, EV>> projectionBottomSimple() {
        DataSet<Tuple4<KT, KB, EV, Void>> byTop = edges.map(new ByTop<KT, KB, EV>()).returns(viaType(topKeyType, bottomKeyType, Types.VOID));
        return Graph.fromDataSet(bottomVertices, pairs(byTop, bottomKeyType, new SimpleValue<KT, KB, EV, Void>(),
                Types.TUPLE(edgeValueType, edgeValueType)));
    }

    /** The top vertices, joined through shared bottom neighbours; edge values name the bottom vertex and both edge values. */
    public Graph<KT, VVT, Projection<KB, VVB, EV>> projectionTopFull() {
        DataSet<Tuple4<KB, KT, EV, VVB>> byBottom = edges.join(bottomVertices).where(1).equalTo(0)
                .with(new ByBottomWithValue<KT, KB, EV, VVB>()).returns(viaType(bottomKeyType, topKeyType, bottomValueType));
        return Graph.fromDataSet(topVertices, pairs(byBottom, topKeyType, new FullValue<KT, KB, EV, VVB>(),
                Projection.type(bottomKeyType, bottomValueType, edgeValueType)));
    }

    /** The bottom vertices, joined through shared top neighbours; edge values name the top vertex and both edge values. */
    public Graph<KB, VVB, Projection<KT, VVT, EV>> projectionBottomFull() {
        DataSet<Tuple4<KT, KB, EV, VVT>> byTop = edges.join(topVertices).where(0).equalTo(0)
                .with(new ByTopWithValue<KT, KB, EV, VVT>()).returns(viaType(topKeyType, bottomKeyType, topValueType));
        return Graph.fromDataSet(bottomVertices, pairs(byTop, bottomKeyType, new FullValue<KB, KT, EV, VVT>(),
                Projection.type(topKeyType, topValueType, edgeValueType)));
    }

    private <KI, KP, VI> TypeInfo<Tuple4<KI, KP, EV, VI>> viaType(TypeInfo<KI> intermediate, TypeInfo<KP> projected, TypeInfo<VI> value) {
        return Types.TUPLE(intermediate, projected, edgeValueType, value);
    }

    /**
     * {@code (intermediate, projected vertex, edge value, intermediate value)} joined with itself on the
     * intermediate vertex: one projected edge per ordered pair of distinct projected vertices.
     */
    private static <KI, KP, EV, VI, PV> DataSet<Edge<KP, PV>> pairs(DataSet<Tuple4<KI, KP, EV, VI>> via, TypeInfo<KP> key,
            ProjectedValue<KI, KP, EV, VI, PV> value, TypeInfo<PV> valueType) {
        return via.join(via).where(0).equalTo(0).with(new Pair<KI, KP, EV, VI, PV>(value)).returns(Edge.type(key, valueType));
    }

    private interface ProjectedValue<KI, KP, EV, VI, PV> extends java.io.Serializable {
        PV of(Tuple4<KI, KP, EV, VI> source, Tuple4<KI, KP, EV, VI> target);
    }

    private record SimpleValue<KI, KP, EV, VI>() implements ProjectedValue<KI, KP, EV, VI, Tuple2<EV, EV>> {
        @Override
        public Tuple2<EV, EV> of(Tuple4<KI, KP, EV, VI> source, Tuple4<KI, KP, EV, VI> target) {
            return Tuple2.of(source.f2, target.f2);
        }
    }

    private record FullValue<KP, KI, EV, VI>() implements ProjectedValue<KI, KP, EV, VI, Projection<KI, VI, EV>> {
        @Override
        public Projection<KI, VI, EV> of(Tuple4<KI, KP, EV, VI> source, Tuple4<KI, KP, EV, VI> target) {
            return new Projection<>(source.f0, source.f3, source.f2, target.f2);
        }
    }

    private record Pair<KI, KP, EV, VI, PV>(ProjectedValue<KI, KP, EV, VI, PV> value)
            implements FlatJoinFunction<Tuple4<KI, KP, EV, VI>, Tuple4<KI, KP, EV, VI>, Edge<KP, PV>> {
        @Override
        public void join(Tuple4<KI, KP, EV, VI> source, Tuple4<KI, KP, EV, VI> target, Collector<Edge<KP, PV>> out) {
            if (!source.f1.equals(target.f1)) {
                out.collect(new Edge<>(source.f1, target.f1, value.of(source, target)));
            }
        }
    }

    private record ByBottom<KT, KB, EV>() implements MapFunction<BipartiteEdge<KT, KB, EV>, Tuple4<KB, KT, EV, Void>> {
        @Override
        public Tuple4<KB, KT, EV, Void> map(BipartiteEdge<KT, KB, EV> e) {
            return Tuple4.of(e.bottomId(), e.topId(), e.value(), null);
        }
    }

    private record ByTop<KT, KB, EV>() implements MapFunction<BipartiteEdge<KT, KB, EV>, Tuple4<KT, KB, EV, Void>> {
        @Override
        public Tuple4<KT, KB, EV, Void> map(BipartiteEdge<KT, KB, EV> e) {
            return Tuple4.of(e.topId(), e.bottomId(), e.value(), null);
        }
    }

    private record ByBottomWithValue<KT, KB, EV, VVB>()
            implements JoinFunction<BipartiteEdge<KT, KB, EV>, Vertex<KB, VVB>, Tuple4<KB, KT, EV, VVB>> {
        @Override
        public Tuple4<KB, KT, EV, VVB> join(BipartiteEdge<KT, KB, EV> e, Vertex<KB, VVB> bottom) {
            return Tuple4.of(e.bottomId(), e.topId(), e.value(), bottom.value());
        }
    }

    private record ByTopWithValue<KT, KB, EV, VVT>()
            implements JoinFunction<BipartiteEdge<KT, KB, EV>, Vertex<KT, VVT>, Tuple4<KT, KB, EV, VVT>> {
        @Override
        public Tuple4<KT, KB, EV, VVT> join(BipartiteEdge<KT, KB, EV> e, Vertex<KT, VVT> top) {
            return Tuple4.of(e.topId(), e.bottomId(), e.value(), top.value());
        }
    }

    private record TopEnd<KT, KB, EV>() implements MapFunction<BipartiteEdge<KT, KB, EV>, Vertex<KT, Void>> {
        @Override
        public Vertex<KT, Void> map(BipartiteEdge<KT, KB, EV> e) {
            return new Vertex<>(e.topId(), null);
        }
    }

    private record BottomEnd<KT, KB, EV>() implements MapFunction<BipartiteEdge<KT, KB, EV>, Vertex<KB, Void>> {
        @Override
        public Vertex<KB, Void> map(BipartiteEdge<KT, KB, EV> e) {
            return new Vertex<>(e.bottomId(), null);
        }
    }

    private record OneOf<K>() implements ReduceFunction<Vertex<K, Void>> {
        @Override
        public Vertex<K, Void> reduce(Vertex<K, Void> first, Vertex<K, Void> second) {
            return first;
        }
    }
}
