package io.eddy.gelly;

import io.eddy.api.connector.source.TextFileSource;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A directed graph as two DataSets: its {@link Vertex vertices} (ids unique) and its {@link Edge edges}
 * (any number between two vertices, self-loops allowed). A graph is immutable: every transformation
 * records DataSet operations and returns a new graph, and nothing runs until a result is collected,
 * written or counted ({@link #numberOfVertices()} and {@link #validate()} run a job).
 *
 * <p>A graph is <em>valid</em> when its vertex ids are unique and both ends of every edge are vertices
 * ({@link #validate()}). Every construction here yields a valid graph when its inputs are; operations on
 * an invalid graph ignore edges whose ends are not vertices where they join the two.
 *
 * <p>Vertex ids must be of a key type (a number, String, boolean or char). Values may be anything with a
 * type; {@code Void} (always null) is the value of graphs without values. Types are carried explicitly
 * ({@link #getKeyType()} ...), so generic functions need no {@code returns(...)}.
 */
public final class Graph<K, VV, EV> {
    private final ExecutionEnvironment environment;
    private final DataSet<Vertex<K, VV>> vertices;
    private final DataSet<Edge<K, EV>> edges;
    private final TypeInfo<K> keyType;
    private final TypeInfo<VV> vertexValueType;
    private final TypeInfo<EV> edgeValueType;

    private Graph(DataSet<Vertex<K, VV>> vertices, DataSet<Edge<K, EV>> edges, TypeInfo<K> keyType,
            TypeInfo<VV> vertexValueType, TypeInfo<EV> edgeValueType) {
        this.environment = vertices.getExecutionEnvironment();
        this.vertices = vertices;
        this.edges = edges;
        this.keyType = keyType;
        this.vertexValueType = vertexValueType;
        this.edgeValueType = edgeValueType;
    }

    // ---------------------------------------------------------------- construction

    /** The graph of these vertices and edges (the caller keeps it valid: unique ids, edges between vertices). */
    public static <K, VV, EV> Graph<K, VV, EV> fromDataSet(DataSet<Vertex<K, VV>> vertices, DataSet<Edge<K, EV>> edges) {
        TypeInfo<K> keyType = fieldType(vertices.getType(), 0, "vertices");
        TypeInfo<K> edgeKeyType = fieldType(edges.getType(), 0, "edges");
        if (!keyType.equals(edgeKeyType)) {
            throw new IllegalArgumentException("The vertex ids are " + keyType + " but the edges join " + edgeKeyType
                    + ": give vertices and edges the same id type");
        }
        return new Graph<>(vertices, edges, keyType, fieldType(vertices.getType(), 1, "vertices"),
                fieldType(edges.getType(), 2, "edges"));
    }

    /**
     * The graph of these edges; its vertices are the ids that occur in them, each with the value
     * {@code initializer} gives its id.
     */
    public static <K, VV, EV> Graph<K, VV, EV> fromDataSet(DataSet<Edge<K, EV>> edges, MapFunction<K, VV> initializer,
            TypeInfo<VV> valueType) {
        TypeInfo<K> keyType = fieldType(edges.getType(), 0, "edges");
        DataSet<Vertex<K, VV>> vertices = distinctEndpoints(edges, keyType)
                .map(new InitializeVertex<K, VV>(initializer)).returns(Vertex.type(keyType, valueType));
        return new Graph<>(vertices, edges, keyType, valueType, fieldType(edges.getType(), 2, "edges"));
    }

    /** The graph of these edges; its vertices are the ids that occur in them, with null values. */
    public static <K, EV> Graph<K, Void, EV> fromDataSet(DataSet<Edge<K, EV>> edges) {
        TypeInfo<K> keyType = fieldType(edges.getType(), 0, "edges");
        return new Graph<>(distinctEndpoints(edges, keyType), edges, keyType, Types.VOID, fieldType(edges.getType(), 2, "edges"));
    }

    /** The graph of {@code (id, value)} vertices and {@code (source, target, value)} edges. */
    public static <K, VV, EV> Graph<K, VV, EV> fromTupleDataSet(DataSet<Tuple2<K, VV>> vertices, DataSet<Tuple3<K, K, EV>> edges) {
        TypeInfo<K> keyType = fieldType(vertices.getType(), 0, "vertices");
        TypeInfo<VV> valueType = fieldType(vertices.getType(), 1, "vertices");
        TypeInfo<EV> edgeValueType = fieldType(edges.getType(), 2, "edges");
        return fromDataSet(vertices.map(new TupleToVertex<K, VV>()).returns(Vertex.type(keyType, valueType)),
                edges.map(new TupleToEdge<K, EV>()).returns(Edge.type(keyType, edgeValueType)));
    }

    /** The graph of {@code (source, target, value)} edges; its vertices are the ids in them, with null values. */
    public static <K, EV> Graph<K, Void, EV> fromTupleDataSet(DataSet<Tuple3<K, K, EV>> edges) {
        TypeInfo<K> keyType = fieldType(edges.getType(), 0, "edges");
        return fromDataSet(edges.map(new TupleToEdge<K, EV>()).returns(Edge.type(keyType, fieldType(edges.getType(), 2, "edges"))));
    }

    /** The graph of {@code (source, target)} edges without values; its vertices are the ids in them. */
    public static <K> Graph<K, Void, Void> fromTuple2DataSet(DataSet<Tuple2<K, K>> edges) {
        TypeInfo<K> keyType = fieldType(edges.getType(), 0, "edges");
        return fromDataSet(edges.map(new PairToEdge<K>()).returns(Edge.type(keyType, Types.VOID)));
    }

    /** A graph of the given vertices and edges, held by the program (small graphs, tests). */
    public static <K, VV, EV> Graph<K, VV, EV> fromCollection(ExecutionEnvironment environment,
            Collection<Vertex<K, VV>> vertices, Collection<Edge<K, EV>> edges,
            TypeInfo<K> keyType, TypeInfo<VV> vertexValueType, TypeInfo<EV> edgeValueType) {
        return new Graph<>(environment.fromCollection(vertices, Vertex.type(keyType, vertexValueType)),
                environment.fromCollection(edges, Edge.type(keyType, edgeValueType)), keyType, vertexValueType, edgeValueType);
    }

    /**
     * The graph of an edge list ({@link EdgeListFormat}: lines {@code source target [weight]}, long ids,
     * weight 1.0 when absent, {@code #} comments) in a file or in every visible file of a directory, on
     * any file system ({@code file://}, {@code hdfs://}, ...); its vertices are the ids in the edges. A
     * large file is cut into byte ranges read by all of the source's parallel subtasks; a malformed line
     * fails the job with the file, the line number and the line.
     */
    public static Graph<Long, Void, Double> fromEdgeList(String path, ExecutionEnvironment environment) {
        TextFileSource<Edge<Long, Double>> source = TextFileSource.parsed(path, new EdgeListFormat(),
                Edge.type(Types.LONG, Types.DOUBLE), false, "Graph.fromEdgeList");
        return fromDataSet(environment.fromSource(source, "Edge list " + path));
    }

    /** Reads the edges (and optionally the vertices) from CSV files: see {@link GraphCsvReader}. */
    public static GraphCsvReader fromCsvReader(String edgesPath, ExecutionEnvironment environment) {
        return new GraphCsvReader(environment, edgesPath, null);
    }

    /** Reads the vertices and the edges from CSV files: see {@link GraphCsvReader}. */
    public static GraphCsvReader fromCsvReader(String verticesPath, String edgesPath, ExecutionEnvironment environment) {
        return new GraphCsvReader(environment, edgesPath, Objects.requireNonNull(verticesPath, "verticesPath"));
    }

    // ---------------------------------------------------------------- properties

    public ExecutionEnvironment getExecutionEnvironment() {
        return environment;
    }

    public DataSet<Vertex<K, VV>> getVertices() {
        return vertices;
    }

    public DataSet<Edge<K, EV>> getEdges() {
        return edges;
    }

    public TypeInfo<K> getKeyType() {
        return keyType;
    }

    public TypeInfo<VV> getVertexValueType() {
        return vertexValueType;
    }

    public TypeInfo<EV> getEdgeValueType() {
        return edgeValueType;
    }

    public TypeInfo<Vertex<K, VV>> vertexType() {
        return Vertex.type(keyType, vertexValueType);
    }

    public TypeInfo<Edge<K, EV>> edgeType() {
        return Edge.type(keyType, edgeValueType);
    }

    /** Runs a job that counts the vertices. */
    public long numberOfVertices() throws Exception {
        return vertices.count();
    }

    /** Runs a job that counts the edges (each parallel edge once). */
    public long numberOfEdges() throws Exception {
        return edges.count();
    }

    public DataSet<K> getVertexIds() {
        return vertices.map(new VertexId<K, VV>()).returns(keyType);
    }

    /** {@code (source, target)} of every edge. */
    public DataSet<Tuple2<K, K>> getEdgeIds() {
        return edges.map(new EdgeIds<K, EV>()).returns(Types.TUPLE(keyType, keyType));
    }

    /** {@code (id, number of edges pointing at it)} for every vertex, 0 included. */
    public DataSet<Tuple2<K, Long>> inDegrees() {
        return degrees(EdgeDirection.IN);
    }

    /** {@code (id, number of edges leaving it)} for every vertex, 0 included. */
    public DataSet<Tuple2<K, Long>> outDegrees() {
        return degrees(EdgeDirection.OUT);
    }

    /** {@code (id, in-degree + out-degree)} for every vertex: a self-loop counts twice. */
    public DataSet<Tuple2<K, Long>> getDegrees() {
        return degrees(EdgeDirection.ALL);
    }

    private DataSet<Tuple2<K, Long>> degrees(EdgeDirection direction) {
        TypeInfo<Tuple2<K, Long>> type = Types.TUPLE(keyType, Types.LONG);
        DataSet<Tuple2<K, Long>> zeros = vertices.map(new ZeroDegree<K, VV>()).returns(type);
        DataSet<Tuple2<K, Long>> ends = edges.flatMap(new EdgeEnds<K, EV>(direction)).returns(type);
        return zeros.union(ends).groupBy(0).sum(1);
    }

    // ---------------------------------------------------------------- transformations

    /** The same graph with each vertex's value replaced by {@code mapper}'s result (its type extracted from {@code mapper}). */
    public <NV> Graph<K, NV, EV> mapVertices(MapFunction<Vertex<K, VV>, NV> mapper) {
        return mapVertices(mapper, extracted(mapper, "mapVertices", vertexType()));
    }

    public <NV> Graph<K, NV, EV> mapVertices(MapFunction<Vertex<K, VV>, NV> mapper, TypeInfo<NV> valueType) {
        return new Graph<>(vertices.map(new MapVertexValue<K, VV, NV>(mapper)).returns(Vertex.type(keyType, valueType)),
                edges, keyType, valueType, edgeValueType);
    }

    /** The same graph with each edge's value replaced by {@code mapper}'s result (its type extracted from {@code mapper}). */
    public <NE> Graph<K, VV, NE> mapEdges(MapFunction<Edge<K, EV>, NE> mapper) {
        return mapEdges(mapper, extracted(mapper, "mapEdges", edgeType()));
    }

    public <NE> Graph<K, VV, NE> mapEdges(MapFunction<Edge<K, EV>, NE> mapper, TypeInfo<NE> valueType) {
        return new Graph<>(vertices, edges.map(new MapEdgeValue<K, EV, NE>(mapper)).returns(Edge.type(keyType, valueType)),
                keyType, vertexValueType, valueType);
    }

    /** The same graph with every id (of vertices and edge ends) translated; {@code translator} must be injective. */
    public <NK> Graph<NK, VV, EV> translateGraphIds(MapFunction<K, NK> translator, TypeInfo<NK> newKeyType) {
        return new Graph<>(vertices.map(new TranslateVertexId<K, NK, VV>(translator)).returns(Vertex.type(newKeyType, vertexValueType)),
                edges.map(new TranslateEdgeIds<K, NK, EV>(translator)).returns(Edge.type(newKeyType, edgeValueType)),
                newKeyType, vertexValueType, edgeValueType);
    }

    /** The same graph with every vertex value translated. */
    public <NV> Graph<K, NV, EV> translateVertexValues(MapFunction<VV, NV> translator, TypeInfo<NV> valueType) {
        return mapVertices(new ValueOfVertex<K, VV, NV>(translator), valueType);
    }

    /** The same graph with every edge value translated. */
    public <NE> Graph<K, VV, NE> translateEdgeValues(MapFunction<EV, NE> translator, TypeInfo<NE> valueType) {
        return mapEdges(new ValueOfEdge<K, EV, NE>(translator), valueType);
    }

    /** The vertices {@code filter} keeps, and the edges between them. */
    public Graph<K, VV, EV> filterOnVertices(FilterFunction<Vertex<K, VV>> filter) {
        DataSet<Vertex<K, VV>> kept = vertices.filter(filter);
        return new Graph<>(kept, edgesBetween(kept, edges), keyType, vertexValueType, edgeValueType);
    }

    /** All vertices, and the edges {@code filter} keeps. */
    public Graph<K, VV, EV> filterOnEdges(FilterFunction<Edge<K, EV>> filter) {
        return new Graph<>(vertices, edges.filter(filter), keyType, vertexValueType, edgeValueType);
    }

    /** The vertices {@code vertexFilter} keeps, and the edges between them that {@code edgeFilter} keeps. */
    public Graph<K, VV, EV> subgraph(FilterFunction<Vertex<K, VV>> vertexFilter, FilterFunction<Edge<K, EV>> edgeFilter) {
        DataSet<Vertex<K, VV>> kept = vertices.filter(vertexFilter);
        return new Graph<>(kept, edgesBetween(kept, edges.filter(edgeFilter)), keyType, vertexValueType, edgeValueType);
    }

    /** Every edge turned around. */
    public Graph<K, VV, EV> reverse() {
        return new Graph<>(vertices, edges.map(new ReverseEdge<K, EV>()).returns(edgeType()), keyType, vertexValueType, edgeValueType);
    }

    /** Every edge in both directions: each edge {@code u -> v} and its reverse {@code v -> u} (a self-loop twice). */
    public Graph<K, VV, EV> getUndirected() {
        return new Graph<>(vertices, edges.flatMap(new BothDirections<K, EV>()).returns(edgeType()), keyType,
                vertexValueType, edgeValueType);
    }

    /**
     * The vertices of both graphs (one per id, with the value of either when both have it) and the edges
     * of both, parallel edges kept.
     */
    public Graph<K, VV, EV> union(Graph<K, VV, EV> other) {
        DataSet<Vertex<K, VV>> all = vertices.union(other.vertices).groupBy(0).reduce(new FirstVertex<K, VV>());
        return new Graph<>(all, edges.union(other.edges), keyType, vertexValueType, edgeValueType);
    }

    /** This graph without the vertices whose ids {@code other} has, and without their edges. */
    public Graph<K, VV, EV> difference(Graph<K, VV, EV> other) {
        return removeVertices(other.vertices);
    }

    /**
     * The edges both graphs have (equal source, target and value) and the vertices of this graph at their
     * ends. With {@code distinctEdges} each such edge appears once; without, an edge that this graph has
     * {@code m} times and {@code other} {@code n} times appears {@code min(m, n)} times.
     */
    public Graph<K, VV, EV> intersect(Graph<K, VV, EV> other, boolean distinctEdges) {
        DataSet<Edge<K, EV>> common = edges.coGroup(other.edges).where(0, 1).equalTo(0, 1)
                .with(new CommonEdges<K, EV>(distinctEdges)).returns(edgeType());
        DataSet<Vertex<K, Object>> endIds = distinctEndpoints(common, keyType);
        DataSet<Vertex<K, VV>> ends = vertices.join(endIds).where(0).equalTo(0)
                .with(new LeftVertex<K, VV>()).returns(vertexType());
        return new Graph<>(ends, common, keyType, vertexValueType, edgeValueType);
    }

    /** Vertices whose id has a {@code (id, t)} record in {@code input} get {@code function(value, t)}; the others keep theirs. */
    public <T> Graph<K, VV, EV> joinWithVertices(DataSet<Tuple2<K, T>> input, VertexJoinFunction<VV, T> function) {
        DataSet<Vertex<K, VV>> joined = vertices.leftOuterJoin(input).where(0).equalTo(0)
                .with(new JoinVertexValue<K, VV, T>(function)).returns(vertexType());
        return new Graph<>(joined, edges, keyType, vertexValueType, edgeValueType);
    }

    /** Edges with a {@code (source, target, t)} record in {@code input} get {@code function(value, t)}; the others keep theirs. */
    public <T> Graph<K, VV, EV> joinWithEdges(DataSet<Tuple3<K, K, T>> input, EdgeJoinFunction<EV, T> function) {
        DataSet<Edge<K, EV>> joined = edges.leftOuterJoin(input).where(0, 1).equalTo(0, 1)
                .with(new JoinEdgeValue<K, EV, Tuple3<K, K, T>, T>(function, 2)).returns(edgeType());
        return new Graph<>(vertices, joined, keyType, vertexValueType, edgeValueType);
    }

    /** Edges whose source has a {@code (source, t)} record in {@code input} get {@code function(value, t)}. */
    public <T> Graph<K, VV, EV> joinWithEdgesOnSource(DataSet<Tuple2<K, T>> input, EdgeJoinFunction<EV, T> function) {
        return joinWithEdgesOn(0, input, function);
    }

    /** Edges whose target has a {@code (target, t)} record in {@code input} get {@code function(value, t)}. */
    public <T> Graph<K, VV, EV> joinWithEdgesOnTarget(DataSet<Tuple2<K, T>> input, EdgeJoinFunction<EV, T> function) {
        return joinWithEdgesOn(1, input, function);
    }

    private <T> Graph<K, VV, EV> joinWithEdgesOn(int end, DataSet<Tuple2<K, T>> input, EdgeJoinFunction<EV, T> function) {
        DataSet<Edge<K, EV>> joined = edges.leftOuterJoin(input).where(end).equalTo(0)
                .with(new JoinEdgeValue<K, EV, Tuple2<K, T>, T>(function, 1)).returns(edgeType());
        return new Graph<>(vertices, joined, keyType, vertexValueType, edgeValueType);
    }

    /** This graph with the given vertices added; a vertex whose id the graph has already is not added. */
    public Graph<K, VV, EV> addVertices(List<Vertex<K, VV>> newVertices) {
        DataSet<Vertex<K, VV>> added = vertices.coGroup(environment.fromCollection(newVertices, vertexType()))
                .where(0).equalTo(0).with(new ExistingOrNew<K, VV>()).returns(vertexType());
        return new Graph<>(added, edges, keyType, vertexValueType, edgeValueType);
    }

    /** This graph with the given edges added, those whose ends are both vertices of the graph (others are dropped). */
    public Graph<K, VV, EV> addEdges(List<Edge<K, EV>> newEdges) {
        DataSet<Edge<K, EV>> added = edgesBetween(vertices, environment.fromCollection(newEdges, edgeType()));
        return new Graph<>(vertices, edges.union(added), keyType, vertexValueType, edgeValueType);
    }

    /** This graph without the vertices of these ids and without the edges at them. */
    public Graph<K, VV, EV> removeVertices(List<Vertex<K, VV>> removed) {
        return removeVertices(environment.fromCollection(removed, vertexType()));
    }

    private Graph<K, VV, EV> removeVertices(DataSet<Vertex<K, VV>> removed) {
        DataSet<Vertex<K, VV>> kept = vertices.coGroup(removed).where(0).equalTo(0)
                .with(new LeftWithoutRight<Vertex<K, VV>, Vertex<K, VV>>()).returns(vertexType());
        return new Graph<>(kept, edgesBetween(kept, edges), keyType, vertexValueType, edgeValueType);
    }

    /** This graph without every edge whose source and target equal those of one of the given edges (values ignored). */
    public Graph<K, VV, EV> removeEdges(List<Edge<K, EV>> removed) {
        DataSet<Edge<K, EV>> kept = edges.coGroup(environment.fromCollection(removed, edgeType())).where(0, 1).equalTo(0, 1)
                .with(new LeftWithoutRight<Edge<K, EV>, Edge<K, EV>>()).returns(edgeType());
        return new Graph<>(vertices, kept, keyType, vertexValueType, edgeValueType);
    }

    /** Runs a job that checks validity: vertex ids unique, both ends of every edge a vertex. */
    public boolean validate() throws Exception {
        TypeInfo<Tuple2<K, Long>> counted = Types.TUPLE(keyType, Types.LONG);
        DataSet<Tuple2<K, Long>> idCounts = vertices.map(new ZeroDegree<K, VV>()).returns(counted).map(new CountOne<K>()).returns(counted)
                .groupBy(0).sum(1);
        DataSet<Long> problems = idCounts.coGroup(edges.flatMap(new EdgeEnds<K, EV>(EdgeDirection.ALL)).returns(counted))
                .where(0).equalTo(0).with(new CountProblems<K>()).returns(Types.LONG);
        long total = 0;
        for (long p : problems.collect()) {
            total += p;
        }
        return total == 0;
    }

    // ---------------------------------------------------------------- neighbourhoods

    /**
     * {@code (id, the values of its neighbours in {@code direction} combined by {@code reducer})} for every
     * vertex with at least one such neighbour (a neighbour counts once per edge).
     */
    public DataSet<Tuple2<K, VV>> reduceOnNeighbors(ReduceFunction<VV> reducer, EdgeDirection direction) {
        return neighbors(direction).map(new NeighborValue<K, VV, EV>()).returns(Types.TUPLE(keyType, vertexValueType))
                .groupBy(0).reduce(new ReduceField1<K, VV>(reducer));
    }

    /** {@code (id, the values of its edges in {@code direction} combined by {@code reducer})} for every vertex with such edges. */
    public DataSet<Tuple2<K, EV>> reduceOnEdges(ReduceFunction<EV> reducer, EdgeDirection direction) {
        return edgesOf(direction).map(new EdgeValueOf<K, EV>()).returns(Types.TUPLE(keyType, edgeValueType))
                .groupBy(0).reduce(new ReduceField1<K, EV>(reducer));
    }

    /** Calls {@code function} once per vertex with its neighbours in {@code direction}. */
    public <T> DataSet<T> groupReduceOnNeighbors(NeighborsFunction<K, VV, EV, T> function, EdgeDirection direction, TypeInfo<T> type) {
        return vertices.coGroup(neighbors(direction)).where(0).equalTo(0)
                .with(new ApplyToNeighbors<K, VV, EV, T>(function)).returns(type);
    }

    /** Calls {@code function} once per vertex with its edges in {@code direction}. */
    public <T> DataSet<T> groupReduceOnEdges(EdgesFunction<K, VV, EV, T> function, EdgeDirection direction, TypeInfo<T> type) {
        return vertices.coGroup(edgesOf(direction)).where(0).equalTo(0)
                .with(new ApplyToEdges<K, VV, EV, T>(function)).returns(type);
    }

    /** {@code (vertex id, neighbour)} for every edge in {@code direction} whose far end is a vertex. */
    private DataSet<Tuple2<K, Neighbor<K, VV, EV>>> neighbors(EdgeDirection direction) {
        TypeInfo<Tuple2<K, Neighbor<K, VV, EV>>> type = Types.TUPLE(keyType, Neighbor.type(keyType, vertexValueType, edgeValueType));
        DataSet<Tuple2<K, Neighbor<K, VV, EV>>> in = edges.join(vertices).where(0).equalTo(0)
                .with(new NeighborAt<K, VV, EV>(true)).returns(type);
        DataSet<Tuple2<K, Neighbor<K, VV, EV>>> out = edges.join(vertices).where(1).equalTo(0)
                .with(new NeighborAt<K, VV, EV>(false)).returns(type);
        return switch (direction) {
            case IN -> in;
            case OUT -> out;
            case ALL -> in.union(out);
        };
    }

    /** {@code (vertex id, edge)} for every edge in {@code direction} of the vertex. */
    private DataSet<Tuple2<K, Edge<K, EV>>> edgesOf(EdgeDirection direction) {
        return edges.flatMap(new KeyedByEnd<K, EV>(direction)).returns(Types.TUPLE(keyType, edgeType()));
    }

    // ---------------------------------------------------------------- algorithms

    public <T> T run(GraphAlgorithm<K, VV, EV, T> algorithm) throws Exception {
        return algorithm.run(this);
    }

    // ---------------------------------------------------------------- helpers

    private static <T, F> TypeInfo<F> fieldType(TypeInfo<T> type, int position, String what) {
        if (!type.isCompositeType() || type.getArity() <= position) {
            throw new IllegalArgumentException("The " + what + " of a graph must be Vertex/Edge records or tuples, not " + type);
        }
        return type.<F>getFieldAccessor(position).getFieldType();
    }

    private static <NV> TypeInfo<NV> extracted(MapFunction<?, NV> mapper, String operation, TypeInfo<?> input) {
        try {
            return TypeExtractor.getOutputType(mapper, MapFunction.class, 1, input);
        } catch (InvalidTypesException e) {
            throw new InvalidTypesException("Cannot tell the new value type of " + operation + ": " + e.getMessage()
                    + " Give it, e.g. " + operation + "(mapper, Types.DOUBLE).", e);
        }
    }

    /** Every id that occurs in {@code edges}, once, as a vertex with a null value. */
    private static <K, EV, VV> DataSet<Vertex<K, VV>> distinctEndpoints(DataSet<Edge<K, EV>> edges, TypeInfo<K> keyType) {
        @SuppressWarnings("unchecked")
        TypeInfo<Vertex<K, VV>> type = (TypeInfo<Vertex<K, VV>>) (TypeInfo<?>) Vertex.type(keyType, Types.VOID);
        return edges.flatMap(new EndpointVertices<K, EV, VV>()).returns(type).groupBy(0).reduce(new FirstVertex<K, VV>());
    }

    /** The edges of {@code edges} whose source and target are both in {@code vertices}. */
    private DataSet<Edge<K, EV>> edgesBetween(DataSet<Vertex<K, VV>> kept, DataSet<Edge<K, EV>> candidates) {
        return candidates.join(kept).where(0).equalTo(0).with(new LeftEdge<K, EV, VV>()).returns(edgeType())
                .join(kept).where(1).equalTo(0).with(new LeftEdge<K, EV, VV>()).returns(edgeType());
    }

    private record InitializeVertex<K, VV>(MapFunction<K, VV> initializer) implements MapFunction<Vertex<K, Object>, Vertex<K, VV>> {
        @Override
        public Vertex<K, VV> map(Vertex<K, Object> vertex) throws Exception {
            return new Vertex<>(vertex.id(), initializer.map(vertex.id()));
        }
    }

    private record TupleToVertex<K, VV>() implements MapFunction<Tuple2<K, VV>, Vertex<K, VV>> {
        @Override
        public Vertex<K, VV> map(Tuple2<K, VV> t) {
            return new Vertex<>(t.f0, t.f1);
        }
    }

    private record TupleToEdge<K, EV>() implements MapFunction<Tuple3<K, K, EV>, Edge<K, EV>> {
        @Override
        public Edge<K, EV> map(Tuple3<K, K, EV> t) {
            return new Edge<>(t.f0, t.f1, t.f2);
        }
    }

    private record PairToEdge<K>() implements MapFunction<Tuple2<K, K>, Edge<K, Void>> {
        @Override
        public Edge<K, Void> map(Tuple2<K, K> t) {
            return new Edge<>(t.f0, t.f1, null);
        }
    }

    private record EndpointVertices<K, EV, VV>() implements FlatMapFunction<Edge<K, EV>, Vertex<K, VV>> {
        @Override
        public void flatMap(Edge<K, EV> edge, Collector<Vertex<K, VV>> out) {
            out.collect(new Vertex<>(edge.source(), null));
            out.collect(new Vertex<>(edge.target(), null));
        }
    }

    private record FirstVertex<K, VV>() implements ReduceFunction<Vertex<K, VV>> {
        @Override
        public Vertex<K, VV> reduce(Vertex<K, VV> first, Vertex<K, VV> second) {
            return first;
        }
    }

    private record VertexId<K, VV>() implements MapFunction<Vertex<K, VV>, K> {
        @Override
        public K map(Vertex<K, VV> vertex) {
            return vertex.id();
        }
    }

    private record EdgeIds<K, EV>() implements MapFunction<Edge<K, EV>, Tuple2<K, K>> {
        @Override
        public Tuple2<K, K> map(Edge<K, EV> edge) {
            return Tuple2.of(edge.source(), edge.target());
        }
    }

    private record ZeroDegree<K, VV>() implements MapFunction<Vertex<K, VV>, Tuple2<K, Long>> {
        @Override
        public Tuple2<K, Long> map(Vertex<K, VV> vertex) {
            return Tuple2.of(vertex.id(), 0L);
        }
    }

    private record CountOne<K>() implements MapFunction<Tuple2<K, Long>, Tuple2<K, Long>> {
        @Override
        public Tuple2<K, Long> map(Tuple2<K, Long> t) {
            t.f1 = 1L;
            return t;
        }
    }

    /** {@code (end, 1)} for the ends of an edge that {@code direction} counts. */
    private record EdgeEnds<K, EV>(EdgeDirection direction) implements FlatMapFunction<Edge<K, EV>, Tuple2<K, Long>> {
        @Override
        public void flatMap(Edge<K, EV> edge, Collector<Tuple2<K, Long>> out) {
            if (direction != EdgeDirection.IN) {
                out.collect(Tuple2.of(edge.source(), 1L));
            }
            if (direction != EdgeDirection.OUT) {
                out.collect(Tuple2.of(edge.target(), 1L));
            }
        }
    }

    /** Per id: 1 for each vertex beyond the first with it, 1 for an edge end that is no vertex. */
    private record CountProblems<K>() implements CoGroupFunction<Tuple2<K, Long>, Tuple2<K, Long>, Long> {
        @Override
        public void coGroup(Iterable<Tuple2<K, Long>> ids, Iterable<Tuple2<K, Long>> ends, Collector<Long> out) {
            Iterator<Tuple2<K, Long>> id = ids.iterator();
            if (id.hasNext()) {
                long copies = id.next().f1;
                if (copies > 1) {
                    out.collect(copies - 1);
                }
            } else {
                long dangling = 0;
                for (Tuple2<K, Long> ignored : ends) {
                    dangling++;
                }
                out.collect(dangling);
            }
        }
    }

    private record MapVertexValue<K, VV, NV>(MapFunction<Vertex<K, VV>, NV> mapper) implements MapFunction<Vertex<K, VV>, Vertex<K, NV>> {
        @Override
        public Vertex<K, NV> map(Vertex<K, VV> vertex) throws Exception {
            return new Vertex<>(vertex.id(), mapper.map(vertex));
        }
    }

    private record MapEdgeValue<K, EV, NE>(MapFunction<Edge<K, EV>, NE> mapper) implements MapFunction<Edge<K, EV>, Edge<K, NE>> {
        @Override
        public Edge<K, NE> map(Edge<K, EV> edge) throws Exception {
            return new Edge<>(edge.source(), edge.target(), mapper.map(edge));
        }
    }

    private record ValueOfVertex<K, VV, NV>(MapFunction<VV, NV> translator) implements MapFunction<Vertex<K, VV>, NV> {
        @Override
        public NV map(Vertex<K, VV> vertex) throws Exception {
            return translator.map(vertex.value());
        }
    }

    private record ValueOfEdge<K, EV, NE>(MapFunction<EV, NE> translator) implements MapFunction<Edge<K, EV>, NE> {
        @Override
        public NE map(Edge<K, EV> edge) throws Exception {
            return translator.map(edge.value());
        }
    }

    private record TranslateVertexId<K, NK, VV>(MapFunction<K, NK> translator) implements MapFunction<Vertex<K, VV>, Vertex<NK, VV>> {
        @Override
        public Vertex<NK, VV> map(Vertex<K, VV> vertex) throws Exception {
            return new Vertex<>(translator.map(vertex.id()), vertex.value());
        }
    }

    private record TranslateEdgeIds<K, NK, EV>(MapFunction<K, NK> translator) implements MapFunction<Edge<K, EV>, Edge<NK, EV>> {
        @Override
        public Edge<NK, EV> map(Edge<K, EV> edge) throws Exception {
            return new Edge<>(translator.map(edge.source()), translator.map(edge.target()), edge.value());
        }
    }

    private record ReverseEdge<K, EV>() implements MapFunction<Edge<K, EV>, Edge<K, EV>> {
        @Override
        public Edge<K, EV> map(Edge<K, EV> edge) {
            return edge.reverse();
        }
    }

    private record BothDirections<K, EV>() implements FlatMapFunction<Edge<K, EV>, Edge<K, EV>> {
        @Override
        public void flatMap(Edge<K, EV> edge, Collector<Edge<K, EV>> out) {
            out.collect(edge);
            out.collect(edge.reverse());
        }
    }

    private record LeftEdge<K, EV, VV>() implements JoinFunction<Edge<K, EV>, Vertex<K, VV>, Edge<K, EV>> {
        @Override
        public Edge<K, EV> join(Edge<K, EV> edge, Vertex<K, VV> vertex) {
            return edge;
        }
    }

    private record LeftVertex<K, VV>() implements JoinFunction<Vertex<K, VV>, Vertex<K, Object>, Vertex<K, VV>> {
        @Override
        public Vertex<K, VV> join(Vertex<K, VV> vertex, Vertex<K, Object> end) {
            return vertex;
        }
    }

    /** Per (source, target): the edges both sides have with equal values, once or min(m, n) times. */
    private record CommonEdges<K, EV>(boolean distinct) implements CoGroupFunction<Edge<K, EV>, Edge<K, EV>, Edge<K, EV>> {
        @Override
        public void coGroup(Iterable<Edge<K, EV>> mine, Iterable<Edge<K, EV>> theirs, Collector<Edge<K, EV>> out) {
            List<EV> unmatched = new java.util.ArrayList<>();
            for (Edge<K, EV> edge : theirs) {
                if (!distinct || !unmatched.contains(edge.value())) {
                    unmatched.add(edge.value());
                }
            }
            for (Edge<K, EV> edge : mine) {
                if (unmatched.remove(edge.value())) {
                    out.collect(edge);
                }
            }
        }
    }

    private record ExistingOrNew<K, VV>() implements CoGroupFunction<Vertex<K, VV>, Vertex<K, VV>, Vertex<K, VV>> {
        @Override
        public void coGroup(Iterable<Vertex<K, VV>> existing, Iterable<Vertex<K, VV>> added, Collector<Vertex<K, VV>> out) {
            Iterator<Vertex<K, VV>> it = existing.iterator();
            if (it.hasNext()) {
                out.collect(it.next());
            } else {
                out.collect(added.iterator().next());
            }
        }
    }

    /** The left records of keys the right side does not have (an anti-join). */
    private record LeftWithoutRight<L, R>() implements CoGroupFunction<L, R, L> {
        @Override
        public void coGroup(Iterable<L> left, Iterable<R> right, Collector<L> out) {
            if (!right.iterator().hasNext()) {
                for (L l : left) {
                    out.collect(l);
                }
            }
        }
    }

    private record JoinVertexValue<K, VV, T>(VertexJoinFunction<VV, T> function)
            implements JoinFunction<Vertex<K, VV>, Tuple2<K, T>, Vertex<K, VV>> {
        @Override
        public Vertex<K, VV> join(Vertex<K, VV> vertex, Tuple2<K, T> input) throws Exception {
            return input == null ? vertex : new Vertex<>(vertex.id(), function.vertexJoin(vertex.value(), input.f1));
        }
    }

    /** Joins an edge with a tuple whose field {@code valueField} is the function's input. */
    private record JoinEdgeValue<K, EV, R extends io.eddy.api.tuple.Tuple, T>(EdgeJoinFunction<EV, T> function, int valueField)
            implements JoinFunction<Edge<K, EV>, R, Edge<K, EV>> {
        @Override
        public Edge<K, EV> join(Edge<K, EV> edge, R input) throws Exception {
            return input == null ? edge : new Edge<>(edge.source(), edge.target(), function.edgeJoin(edge.value(), input.getField(valueField)));
        }
    }

    /** The neighbour at the far end of an edge joined with the vertex at its {@code source} (for IN) or target (for OUT). */
    private record NeighborAt<K, VV, EV>(boolean sourceIsNeighbor)
            implements FlatJoinFunction<Edge<K, EV>, Vertex<K, VV>, Tuple2<K, Neighbor<K, VV, EV>>> {
        @Override
        public void join(Edge<K, EV> edge, Vertex<K, VV> neighbor, Collector<Tuple2<K, Neighbor<K, VV, EV>>> out) {
            K vertex = sourceIsNeighbor ? edge.target() : edge.source();
            out.collect(Tuple2.of(vertex, new Neighbor<>(neighbor.id(), neighbor.value(), edge.value())));
        }
    }

    private record KeyedByEnd<K, EV>(EdgeDirection direction) implements FlatMapFunction<Edge<K, EV>, Tuple2<K, Edge<K, EV>>> {
        @Override
        public void flatMap(Edge<K, EV> edge, Collector<Tuple2<K, Edge<K, EV>>> out) {
            if (direction != EdgeDirection.IN) {
                out.collect(Tuple2.of(edge.source(), edge));
            }
            if (direction != EdgeDirection.OUT) {
                out.collect(Tuple2.of(edge.target(), edge));
            }
        }
    }

    private record NeighborValue<K, VV, EV>() implements MapFunction<Tuple2<K, Neighbor<K, VV, EV>>, Tuple2<K, VV>> {
        @Override
        public Tuple2<K, VV> map(Tuple2<K, Neighbor<K, VV, EV>> t) {
            return Tuple2.of(t.f0, t.f1.value());
        }
    }

    private record EdgeValueOf<K, EV>() implements MapFunction<Tuple2<K, Edge<K, EV>>, Tuple2<K, EV>> {
        @Override
        public Tuple2<K, EV> map(Tuple2<K, Edge<K, EV>> t) {
            return Tuple2.of(t.f0, t.f1.value());
        }
    }

    private record ReduceField1<K, V>(ReduceFunction<V> reducer) implements ReduceFunction<Tuple2<K, V>> {
        @Override
        public Tuple2<K, V> reduce(Tuple2<K, V> first, Tuple2<K, V> second) throws Exception {
            return Tuple2.of(first.f0, reducer.reduce(first.f1, second.f1));
        }
    }

    private record ApplyToNeighbors<K, VV, EV, T>(NeighborsFunction<K, VV, EV, T> function)
            implements CoGroupFunction<Vertex<K, VV>, Tuple2<K, Neighbor<K, VV, EV>>, T> {
        @Override
        public void coGroup(Iterable<Vertex<K, VV>> vertex, Iterable<Tuple2<K, Neighbor<K, VV, EV>>> neighbors, Collector<T> out)
                throws Exception {
            Iterator<Vertex<K, VV>> it = vertex.iterator();
            if (it.hasNext()) {
                function.iterateNeighbors(it.next(), () -> new Second<>(neighbors.iterator()), out);
            }
        }
    }

    private record ApplyToEdges<K, VV, EV, T>(EdgesFunction<K, VV, EV, T> function)
            implements CoGroupFunction<Vertex<K, VV>, Tuple2<K, Edge<K, EV>>, T> {
        @Override
        public void coGroup(Iterable<Vertex<K, VV>> vertex, Iterable<Tuple2<K, Edge<K, EV>>> edges, Collector<T> out) throws Exception {
            Iterator<Vertex<K, VV>> it = vertex.iterator();
            if (it.hasNext()) {
                function.iterateEdges(it.next(), () -> new Second<>(edges.iterator()), out);
            }
        }
    }

    /** The second fields of an iterator of pairs. */
    private record Second<A, B>(Iterator<Tuple2<A, B>> pairs) implements Iterator<B> {
        @Override
        public boolean hasNext() {
            return pairs.hasNext();
        }

        @Override
        public B next() {
            return pairs.next().f1;
        }
    }
}
