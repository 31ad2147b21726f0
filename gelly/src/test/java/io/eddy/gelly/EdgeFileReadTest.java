package io.eddy.gelly;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One large edge file (several of the 1 MiB byte ranges) read by all parallel subtasks, as an edge list
 * ({@link Graph#fromEdgeList}) and as CSV ({@link Graph#fromCsvReader}): every edge exactly once, from
 * more than one subtask, and a malformed line deep in the file named by its line number.
 */
class EdgeFileReadTest {
    /** About 3.7 MB as an edge list: four ranges at parallelism 3 and 1 MiB minimum. */
    static final int EDGES = 250_000;

    @TempDir
    Path dir;

    /** Edge i: i -> (i * 7919) mod EDGES, weight i / 4 (so the third column has fractions and repeats). */
    static Edge<Long, Double> edge(int i) {
        return new Edge<>((long) i, (long) i * 7919 % EDGES, i / 4.0);
    }

    /** Writes the edges as {@code separator}-separated lines; every 1000th line is preceded by a comment and a blank line when {@code comments}. */
    static void writeEdges(Writer out, String separator, boolean comments) throws IOException {
        for (int i = 0; i < EDGES; i++) {
            if (comments && i % 1000 == 0) {
                out.write("# edges from " + i + "\n\n");
            }
            Edge<Long, Double> e = edge(i);
            out.write(e.source() + separator + e.target() + separator + e.value() + (i % 3 == 0 ? "\r\n" : "\n"));
        }
    }

    static List<Edge<Long, Double>> expectedEdges() {
        List<Edge<Long, Double>> edges = new ArrayList<>();
        for (int i = 0; i < EDGES; i++) {
            edges.add(edge(i));
        }
        return edges;
    }

    /** Checks that {@code read} (edge, reading subtask) holds every edge once and came from every one of {@code parallelism} subtasks. */
    static void assertReadInParallel(List<Tuple2<Integer, Edge<Long, Double>>> read, int parallelism) {
        Set<Integer> subtasks = new HashSet<>();
        List<Edge<Long, Double>> edges = new ArrayList<>();
        for (Tuple2<Integer, Edge<Long, Double>> t : read) {
            subtasks.add(t.f0);
            edges.add(t.f1);
        }
        edges.sort(Comparator.comparing(Edge<Long, Double>::source));
        assertEquals(expectedEdges(), edges);
        assertEquals(parallelism, subtasks.size(), "subtasks that read edges: " + subtasks);
    }

    /** The edges with the index of the subtask that read them (the map is chained to the source). */
    static List<Tuple2<Integer, Edge<Long, Double>>> withReader(Graph<Long, ?, Double> graph) throws Exception {
        return graph.getEdges().map(new WithSubtask()).returns(Types.TUPLE(Types.INT, Edge.type(Types.LONG, Types.DOUBLE))).collect();
    }

    @Test
    void oneEdgeListFileIsReadByEverySubtask() throws Exception {
        Path file = dir.resolve("edges.txt");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeEdges(out, "\t", true);
        }
        assertTrue(Files.size(file) > 3 << 20, "the file spans several ranges: " + Files.size(file));
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(3);
        Graph<Long, Void, Double> graph = Graph.fromEdgeList(file.toString(), env);
        assertReadInParallel(withReader(graph), 3);
        assertEquals(EDGES, graph.numberOfVertices());
    }

    @Test
    void oneCsvFileIsReadByEverySubtask() throws Exception {
        Path file = dir.resolve("edges.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("source,target,weight\n");
            writeEdges(out, ",", false);
        }
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(3);
        assertReadInParallel(withReader(Graph.fromCsvReader(file.toString(), env).ignoreFirstLine()
                .edgeTypes(Long.class, Double.class)), 3);
    }

    @Test
    void aMalformedLineInALaterRangeIsNamedByItsNumber() throws Exception {
        Path file = dir.resolve("broken.txt");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < EDGES; i++) {
                out.write(i == 200_000 ? "200000 x7\n" : i + " " + (i + 1) + "\n");
            }
        }
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(3);
        Exception e = assertThrows(Exception.class, () -> Graph.fromEdgeList(file.toString(), env).getEdges().count());
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertEquals("Malformed edge-list line 200001 of " + file + ": the target id 'x7' is not a long integer. Line: 200000 x7",
                root.getMessage());
    }

    private static final class WithSubtask extends RichMapFunction<Edge<Long, Double>, Tuple2<Integer, Edge<Long, Double>>> {
        @Override
        public Tuple2<Integer, Edge<Long, Double>> map(Edge<Long, Double> edge) {
            return Tuple2.of(getRuntimeContext().getIndexOfThisSubtask(), edge);
        }
    }
}
