package io.eddy.gelly;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.Types;
import io.eddy.gelly.generator.CirculantGraph;
import io.eddy.gelly.generator.CompleteGraph;
import io.eddy.gelly.generator.CycleGraph;
import io.eddy.gelly.generator.EmptyGraph;
import io.eddy.gelly.generator.GridGraph;
import io.eddy.gelly.generator.HypercubeGraph;
import io.eddy.gelly.generator.PathGraph;
import io.eddy.gelly.generator.SingletonEdgeGraph;
import io.eddy.gelly.generator.StarGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Graph API on a small hand-made graph on the embedded cluster at parallelism 2: each operation's exact result. */
class GraphTest {
    private final ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(2);

    /** 1->2 (a), 1->3 (b), 2->3 (c), 3->1 (d), 3->3 (e), 1->2 (f); vertex 4 isolated; values are 10 x id. */
    private Graph<Long, Long, String> graph() {
        List<Vertex<Long, Long>> vertices = List.of(new Vertex<>(1L, 10L), new Vertex<>(2L, 20L), new Vertex<>(3L, 30L), new Vertex<>(4L, 40L));
        List<Edge<Long, String>> edges = List.of(new Edge<>(1L, 2L, "a"), new Edge<>(1L, 3L, "b"), new Edge<>(2L, 3L, "c"),
                new Edge<>(3L, 1L, "d"), new Edge<>(3L, 3L, "e"), new Edge<>(1L, 2L, "f"));
        return Graph.fromCollection(env, vertices, edges, Types.LONG, Types.LONG, Types.STRING);
    }

    private static <K, V> Map<K, V> asMap(List<Tuple2<K, V>> pairs) {
        Map<K, V> map = new TreeMap<>();
        pairs.forEach(p -> map.put(p.f0, p.f1));
        return map;
    }

    private static List<String> edgeValues(Graph<Long, ?, String> g) throws Exception {
        return g.getEdges().collect().stream().map(Edge::value).sorted().collect(Collectors.toList());
    }

    @Test
    void degreesCountEveryEdgeAndIncludeIsolatedVertices() throws Exception {
        Graph<Long, Long, String> g = graph();
        assertEquals(Map.of(1L, 3L, 2L, 1L, 3L, 2L, 4L, 0L), asMap(g.outDegrees().collect()));
        assertEquals(Map.of(1L, 1L, 2L, 2L, 3L, 3L, 4L, 0L), asMap(g.inDegrees().collect()));
        assertEquals(Map.of(1L, 4L, 2L, 3L, 3L, 5L, 4L, 0L), asMap(g.getDegrees().collect()));
        assertEquals(4, g.numberOfVertices());
        assertEquals(6, g.numberOfEdges());
        assertTrue(g.validate());
    }

    @Test
    void transformationsKeepTheStructure() throws Exception {
        Graph<Long, Long, String> g = graph();
        assertEquals(Map.of(1L, 11L, 2L, 21L, 3L, 31L, 4L, 41L), asMap(g.mapVertices(v -> v.value() + 1, Types.LONG).getVertices()
                .map(v -> Tuple2.of(v.id(), v.value())).returns(Types.TUPLE(Types.LONG, Types.LONG)).collect()));
        assertEquals(List.of("1a2", "1b3", "1f2", "2c3", "3d1", "3e3"),
                edgeValues(g.mapEdges(e -> e.source() + e.value() + e.target(), Types.STRING)));
        Graph<String, Long, String> renamed = g.translateGraphIds(id -> "v" + id, Types.STRING);
        assertEquals(List.of("v1", "v2", "v3", "v4"), renamed.getVertexIds().collect().stream().sorted().toList());
        assertEquals(List.of("A", "B", "C", "D", "E", "F"), edgeValues(g.translateEdgeValues(String::toUpperCase, Types.STRING)));
        List<Tuple2<Long, Long>> reversed = new ArrayList<>(g.reverse().getEdgeIds().collect());
        reversed.sort((x, y) -> x.f0.equals(y.f0) ? Long.compare(x.f1, y.f1) : Long.compare(x.f0, y.f0));
        assertEquals("[(1,3), (2,1), (2,1), (3,1), (3,2), (3,3)]", reversed.toString().replace("Tuple2", ""));
        assertEquals(12, g.getUndirected().numberOfEdges());
    }

    @Test
    void filtersAndSubgraphsDropTheEdgesOfDroppedVertices() throws Exception {
        Graph<Long, Long, String> g = graph();
        Graph<Long, Long, String> without3 = g.filterOnVertices(v -> v.id() != 3);
        assertEquals(3, without3.numberOfVertices());
        assertEquals(List.of("a", "f"), edgeValues(without3));
        assertEquals(List.of("a", "b", "c", "d", "f"), edgeValues(g.filterOnEdges(e -> !e.source().equals(e.target()))));
        assertEquals(List.of("a"), edgeValues(g.subgraph(v -> v.id() <= 2, e -> e.value().equals("a"))));
        Graph<Long, Long, String> removed = g.removeVertices(List.of(new Vertex<>(1L, 0L)));
        assertEquals(List.of("c", "e"), edgeValues(removed));
        assertEquals(List.of("b", "c", "d", "e"), edgeValues(g.removeEdges(List.of(new Edge<>(1L, 2L, "anything")))));
    }

    @Test
    void setOperationsAndAdditions() throws Exception {
        Graph<Long, Long, String> g = graph();
        Graph<Long, Long, String> other = Graph.fromCollection(env, List.of(new Vertex<>(2L, 0L), new Vertex<>(3L, 0L), new Vertex<>(5L, 50L)),
                List.of(new Edge<>(2L, 3L, "c"), new Edge<>(3L, 5L, "g"), new Edge<>(1L, 2L, "a"), new Edge<>(1L, 2L, "a")),
                Types.LONG, Types.LONG, Types.STRING);
        assertEquals(5, g.union(other).numberOfVertices());
        assertEquals(10, g.union(other).numberOfEdges());
        Graph<Long, Long, String> difference = g.difference(other);
        assertEquals(List.of(1L, 4L), difference.getVertexIds().collect().stream().sorted().toList());
        assertEquals(List.of(), edgeValues(difference));
        assertEquals(List.of("a", "c"), edgeValues(g.intersect(other, true)));
        assertEquals(List.of(1L, 2L, 3L), g.intersect(other, false).getVertexIds().collect().stream().sorted().toList());
        Graph<Long, Long, String> added = g.addVertices(List.of(new Vertex<>(4L, 0L), new Vertex<>(6L, 60L)))
                .addEdges(List.of(new Edge<>(4L, 6L, "h"), new Edge<>(6L, 7L, "dangling")));
        assertEquals(Map.of(1L, 10L, 2L, 20L, 3L, 30L, 4L, 40L, 6L, 60L), asMap(added.getVertices()
                .map(v -> Tuple2.of(v.id(), v.value())).returns(Types.TUPLE(Types.LONG, Types.LONG)).collect()));
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "h"), edgeValues(added));
        Graph<Long, Long, String> invalid = Graph.fromDataSet(g.getVertices(),
                env.fromCollection(List.of(new Edge<>(1L, 9L, "x")), g.edgeType()));
        assertFalse(invalid.validate());
    }

    @Test
    void joinsUpdateTheMatchingValuesOnly() throws Exception {
        Graph<Long, Long, String> g = graph();
        Graph<Long, Long, String> joined = g.joinWithVertices(env.fromElements(Tuple2.of(2L, 5L), Tuple2.of(9L, 7L)), Long::sum);
        assertEquals(Map.of(1L, 10L, 2L, 25L, 3L, 30L, 4L, 40L), asMap(joined.getVertices()
                .map(v -> Tuple2.of(v.id(), v.value())).returns(Types.TUPLE(Types.LONG, Types.LONG)).collect()));
        assertEquals(List.of("a!", "b", "c", "d", "e", "f!"),
                edgeValues(g.joinWithEdges(env.fromElements(Tuple3.of(1L, 2L, "!")), (v, t) -> v + t)));
        assertEquals(List.of("a", "b", "c", "d?", "e?", "f"),
                edgeValues(g.joinWithEdgesOnSource(env.fromElements(Tuple2.of(3L, "?")), (v, t) -> v + t)));
        assertEquals(List.of("a", "b<", "c<", "d", "e<", "f"),
                edgeValues(g.joinWithEdgesOnTarget(env.fromElements(Tuple2.of(3L, "<")), (v, t) -> v + t)));
    }

    @Test
    void neighbourhoodsInEachDirection() throws Exception {
        Graph<Long, Long, String> g = graph();
        assertEquals(Map.of(1L, 70L, 2L, 30L, 3L, 40L), asMap(g.reduceOnNeighbors(Long::sum, EdgeDirection.OUT).collect()));
        assertEquals(Map.of(1L, 30L, 2L, 20L, 3L, 60L), asMap(g.reduceOnNeighbors(Long::sum, EdgeDirection.IN).collect()));
        assertEquals(Map.of(1L, "abf", 2L, "c", 3L, "de"), asMap(g.reduceOnEdges((a, b) -> a.compareTo(b) < 0 ? a + b : b + a,
                EdgeDirection.OUT).collect()).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().chars().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString())));
        List<Tuple2<Long, String>> neighbourLists = g.groupReduceOnNeighbors(
                (Vertex<Long, Long> v, Iterable<Neighbor<Long, Long, String>> ns, Collector<Tuple2<Long, String>> out) -> {
                    List<String> names = new ArrayList<>();
                    ns.forEach(n -> names.add(n.id() + n.edgeValue()));
                    names.sort(null);
                    out.collect(Tuple2.of(v.id(), String.join(",", names)));
                }, EdgeDirection.ALL, Types.TUPLE(Types.LONG, Types.STRING)).collect();
        assertEquals(Map.of(1L, "2a,2f,3b,3d", 2L, "1a,1f,3c", 3L, "1b,1d,2c,3e,3e", 4L, ""), asMap(neighbourLists));
        List<Tuple2<Long, Long>> inCounts = g.groupReduceOnEdges(
                (Vertex<Long, Long> v, Iterable<Edge<Long, String>> es, Collector<Tuple2<Long, Long>> out) -> {
                    long n = 0;
                    for (Edge<Long, String> e : es) {
                        assertEquals(v.id(), e.target());
                        n++;
                    }
                    out.collect(Tuple2.of(v.id(), n));
                }, EdgeDirection.IN, Types.TUPLE(Types.LONG, Types.LONG)).collect();
        assertEquals(Map.of(1L, 1L, 2L, 2L, 3L, 3L, 4L, 0L), asMap(inCounts));
    }

    @Test
    void csvReaderBuildsTheGraphFromFiles(@TempDir Path dir) throws Exception {
        Path edges = Files.write(dir.resolve("edges.csv"), List.of("1,2,0.5", "2,3,1.5", "3,1,2.5"));
        Path vertices = Files.write(dir.resolve("vertices.csv"), List.of("1,a", "2,b", "3,c", "4,d"));
        Graph<Long, String, Double> g = Graph.fromCsvReader(vertices.toString(), edges.toString(), env).types(Long.class, String.class, Double.class);
        assertEquals(4, g.numberOfVertices());
        assertEquals(List.of(0.5, 1.5, 2.5), g.getEdges().collect().stream().map(Edge::value).sorted().toList());
        Graph<Long, Void, Double> fromEdges = Graph.fromCsvReader(edges.toString(), env).edgeTypes(Long.class, Double.class);
        assertEquals(3, fromEdges.numberOfVertices());
        Path pairs = Files.write(dir.resolve("pairs.csv"), List.of("1,2", "2,3", "3,1"));
        Graph<Long, Long, Void> initialised = Graph.fromCsvReader(pairs.toString(), env)
                .vertexValueInitializer((Long id) -> id * 100).vertexTypes(Long.class, Long.class);
        assertEquals(List.of(100L, 200L, 300L), initialised.getVertices().collect().stream().map(Vertex::value).sorted().toList());
    }

    @Test
    void generatorsHaveTheirTextbookShapes() throws Exception {
        assertEquals(List.of(5L, 20L), shape(new CompleteGraph(env, 5).generate()));
        assertEquals(List.of(6L, 12L), shape(new CycleGraph(env, 6).generate()));
        assertEquals(List.of(5L, 8L), shape(new PathGraph(env, 5).generate()));
        assertEquals(List.of(7L, 12L), shape(new StarGraph(env, 7).generate()));
        assertEquals(List.of(8L, 24L), shape(new HypercubeGraph(env, 3).generate()));
        assertEquals(List.of(12L, 34L), shape(new GridGraph(env).addDimension(3, false).addDimension(4, false).generate()));
        assertEquals(List.of(12L, 48L), shape(new GridGraph(env).addDimension(3, true).addDimension(4, true).generate()));
        assertEquals(List.of(8L, 56L), shape(new CirculantGraph(env, 8).addOffsets(1, 4).generate()));
        assertEquals(List.of(6L, 0L), shape(new EmptyGraph(env, 6).generate()));
        assertEquals(List.of(0L, 0L), shape(new EmptyGraph(env, 0).generate()));
        assertEquals(List.of(6L, 6L), shape(new SingletonEdgeGraph(env, 3).generate()));
        assertTrue(new GridGraph(env).addDimension(3, true).addDimension(4, false).generate().validate());
    }

    private static List<Long> shape(Graph<Long, Void, Void> g) throws Exception {
        return List.of(g.numberOfVertices(), g.numberOfEdges());
    }
}
