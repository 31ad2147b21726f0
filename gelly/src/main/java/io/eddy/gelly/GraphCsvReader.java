package io.eddy.gelly;

import io.eddy.api.dataset.CsvReader;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/**
 * Reads a graph from CSV files, started with {@link Graph#fromCsvReader}: the edge file has lines
 * {@code source,target[,value]}, the optional vertex file {@code id[,value]}. Set the format, then end
 * with the method that names the column types:
 * <ul>
 *   <li>{@link #keyType} — edges without values; vertices are the ids in the edges (or the vertex file's first column)</li>
 *   <li>{@link #edgeTypes} — edges with values, vertices as above with null values</li>
 *   <li>{@link #vertexTypes} — vertices with values (from the vertex file, or {@link #vertexValueInitializer}), edges without</li>
 *   <li>{@link #types} — both with values</li>
 * </ul>
 * Malformed lines fail the job with the file and line number (see {@link CsvReader}).
 */
public final class GraphCsvReader {
    private final ExecutionEnvironment environment;
    private final String edgesPath;
    private final String verticesPath;
    private char edgeDelimiter = ',';
    private char vertexDelimiter = ',';
    private boolean skipFirstLines;
    private MapFunction<?, ?> initializer;

    GraphCsvReader(ExecutionEnvironment environment, String edgesPath, String verticesPath) {
        this.environment = environment;
        this.edgesPath = edgesPath;
        this.verticesPath = verticesPath;
    }

    public GraphCsvReader fieldDelimiterEdges(char delimiter) {
        this.edgeDelimiter = delimiter;
        return this;
    }

    public GraphCsvReader fieldDelimiterVertices(char delimiter) {
        this.vertexDelimiter = delimiter;
        return this;
    }

    /** Skips the first line (a header) of each file. */
    public GraphCsvReader ignoreFirstLine() {
        this.skipFirstLines = true;
        return this;
    }

    /** Without a vertex file: the value each vertex (an id found in the edges) gets. */
    public <K, VV> GraphCsvReader vertexValueInitializer(MapFunction<K, VV> initializer) {
        if (verticesPath != null) {
            throw new IllegalStateException("The vertices come from " + verticesPath + ": an initializer applies only "
                    + "when the vertices are the ids found in the edges (Graph.fromCsvReader(edgesPath, env))");
        }
        this.initializer = initializer;
        return this;
    }

    /** Edges {@code source,target} without values. */
    public <K> Graph<K, Void, Void> keyType(Class<K> keyType) {
        DataSet<Tuple2<K, K>> pairs = csv(edgesPath, edgeDelimiter).types(keyType, keyType);
        DataSet<Edge<K, Void>> edges = pairs.map(new PairEdge<K>()).returns(Edge.type(Types.of(keyType), Types.VOID));
        return withVertices(edges, keyType, Void.class);
    }

    /** Edges {@code source,target,value}. */
    public <K, EV> Graph<K, Void, EV> edgeTypes(Class<K> keyType, Class<EV> valueType) {
        return withVertices(edges(keyType, valueType), keyType, Void.class);
    }

    /** Vertices with values (vertex file {@code id,value}, or the initializer), edges {@code source,target}. */
    public <K, VV> Graph<K, VV, Void> vertexTypes(Class<K> keyType, Class<VV> valueType) {
        DataSet<Tuple2<K, K>> pairs = csv(edgesPath, edgeDelimiter).types(keyType, keyType);
        return withVertices(pairs.map(new PairEdge<K>()).returns(Edge.type(Types.of(keyType), Types.VOID)), keyType, valueType);
    }

    /** Vertices {@code id,value} (or from the initializer) and edges {@code source,target,value}. */
    public <K, VV, EV> Graph<K, VV, EV> types(Class<K> keyType, Class<VV> vertexValueType, Class<EV> edgeValueType) {
        return withVertices(edges(keyType, edgeValueType), keyType, vertexValueType);
    }

    private <K, EV> DataSet<Edge<K, EV>> edges(Class<K> keyType, Class<EV> valueType) {
        DataSet<Tuple3<K, K, EV>> rows = csv(edgesPath, edgeDelimiter).types(keyType, keyType, valueType);
        return rows.map(new TripleEdge<K, EV>()).returns(Edge.type(Types.of(keyType), Types.of(valueType)));
    }

    @SuppressWarnings("unchecked")
    private <K, VV, EV> Graph<K, VV, EV> withVertices(DataSet<Edge<K, EV>> edges, Class<K> keyType, Class<VV> valueType) {
        TypeInfo<K> key = Types.of(keyType);
        TypeInfo<VV> value = valueType == Void.class ? (TypeInfo<VV>) Types.VOID : Types.of(valueType);
        if (verticesPath == null) {
            if (initializer != null) {
                return Graph.fromDataSet(edges, (MapFunction<K, VV>) initializer, value);
            }
            if (valueType != Void.class) {
                throw new IllegalStateException("Vertex values of " + valueType.getSimpleName() + " need a vertex file "
                        + "(Graph.fromCsvReader(verticesPath, edgesPath, env)) or vertexValueInitializer(...)");
            }
            return (Graph<K, VV, EV>) Graph.fromDataSet(edges);
        }
        DataSet<Vertex<K, VV>> vertices;
        if (valueType == Void.class) {
            DataSet<io.eddy.api.tuple.Tuple1<K>> ids = csv(verticesPath, vertexDelimiter).types(keyType);
            vertices = ids.map(new IdVertex<K, VV>()).returns(Vertex.type(key, value));
        } else {
            DataSet<Tuple2<K, VV>> rows = csv(verticesPath, vertexDelimiter).types(keyType, valueType);
            vertices = rows.map(new PairVertex<K, VV>()).returns(Vertex.type(key, value));
        }
        return Graph.fromDataSet(vertices, edges);
    }

    private CsvReader csv(String path, char delimiter) {
        CsvReader reader = environment.readCsvFile(path).fieldDelimiter(delimiter);
        return skipFirstLines ? reader.ignoreFirstLine() : reader;
    }

    private record PairEdge<K>() implements MapFunction<Tuple2<K, K>, Edge<K, Void>> {
        @Override
        public Edge<K, Void> map(Tuple2<K, K> t) {
            return new Edge<>(t.f0, t.f1, null);
        }
    }

    private record TripleEdge<K, EV>() implements MapFunction<Tuple3<K, K, EV>, Edge<K, EV>> {
        @Override
        public Edge<K, EV> map(Tuple3<K, K, EV> t) {
            return new Edge<>(t.f0, t.f1, t.f2);
        }
    }

    private record IdVertex<K, VV>() implements MapFunction<io.eddy.api.tuple.Tuple1<K>, Vertex<K, VV>> {
        @Override
        public Vertex<K, VV> map(io.eddy.api.tuple.Tuple1<K> t) {
            return new Vertex<>(t.f0, null);
        }
    }

    private record PairVertex<K, VV>() implements MapFunction<Tuple2<K, VV>, Vertex<K, VV>> {
        @Override
        public Vertex<K, VV> map(Tuple2<K, VV> t) {
            return new Vertex<>(t.f0, t.f1);
        }
    }
}
