package io.eddy.client.graph;

import io.eddy.api.connector.source.TextFileSource;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.Vertex;

import java.util.Iterator;

/**
 * The vertex labels of {@code eddy graph summarize --vertex-labels <file>}: one vertex per line,
 * {@code id label} (a long id, then tabs or spaces, then the label: the rest of the line without
 * surrounding blanks); blank lines and {@code #} comments are skipped. Read in byte ranges by all
 * parallel readers ({@link TextFileSource}); a malformed line fails the job with file and line number.
 */
final class VertexLabels implements TextFileSource.LineParser<Vertex<Long, String>> {
    private static final long serialVersionUID = 1L;

    @Override
    public String lineKind() {
        return "vertex-label";
    }

    @Override
    public Vertex<Long, String> parse(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        int blank = 0;
        while (blank < trimmed.length() && trimmed.charAt(blank) != ' ' && trimmed.charAt(blank) != '\t') {
            blank++;
        }
        String label = trimmed.substring(blank).strip();
        if (label.isEmpty()) {
            throw new IllegalArgumentException("expected 'id label', found no label");
        }
        try {
            return new Vertex<>(Long.parseLong(trimmed, 0, blank, 10), label);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the id must be a long integer (" + e.getMessage() + ")");
        }
    }

    /**
     * {@code graph} with the labels of {@code path} as vertex values: its vertices are the ids of its edges
     * and of the file. The job fails, naming the vertex and the file, when an id of the edges has no label
     * or an id has two.
     */
    static Graph<Long, String, Double> label(Graph<Long, Void, Double> graph, String path, ExecutionEnvironment environment) {
        TextFileSource<Vertex<Long, String>> source = TextFileSource.parsed(path, new VertexLabels(),
                Vertex.type(Types.LONG, Types.STRING), false, "--vertex-labels");
        DataSet<Vertex<Long, String>> labels = environment.fromSource(source, "Vertex labels " + path);
        DataSet<Vertex<Long, String>> vertices = graph.getVertices().coGroup(labels).where(0).equalTo(0)
                .with(new OneLabelEach(path)).returns(Vertex.type(Types.LONG, Types.STRING));
        return Graph.fromDataSet(vertices, graph.getEdges());
    }

    private record OneLabelEach(String path) implements CoGroupFunction<Vertex<Long, Void>, Vertex<Long, String>, Vertex<Long, String>> {
        @Override
        public void coGroup(Iterable<Vertex<Long, Void>> inEdges, Iterable<Vertex<Long, String>> labels,
                Collector<Vertex<Long, String>> out) {
            Iterator<Vertex<Long, String>> it = labels.iterator();
            if (!it.hasNext()) {
                throw new IllegalArgumentException("Vertex " + inEdges.iterator().next().id() + " of the edges has no label in "
                        + path + ": give every vertex a line 'id label'");
            }
            Vertex<Long, String> first = it.next();
            if (it.hasNext()) {
                throw new IllegalArgumentException("Vertex " + first.id() + " has two labels in " + path + " ('" + first.value()
                        + "' and '" + it.next().value() + "'): give each vertex one line");
            }
            out.collect(first);
        }
    }
}
