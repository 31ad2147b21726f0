package io.eddy.client.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code eddy graph} on the embedded cluster: results of an edge list on disk, and one line for each mistake. */
class GraphCommandTest {
    @TempDir
    Path dir;

    private Path edges(String... lines) throws Exception {
        return Files.write(dir.resolve("edges.txt"), List.of(lines));
    }

    private Path labels(String... lines) throws Exception {
        return Files.write(dir.resolve("labels.txt"), List.of(lines));
    }

    @Test
    void bipartiteProjectionsOfBothSides() throws Exception {
        // tops 1, 2, 3 share bottom 10; tops 1 and 2 also share bottom 20 (edge 1-20 weighs 2)
        Path input = edges("# top bottom weight", "1 10", "2 10", "3 10", "1 20 2.0", "2 20");
        Path top = dir.resolve("top");
        CliRun run = CliRun.eddy("graph", "bipartite-projection", "--input", input.toString(), "--weighted",
                "--output", top.toString(), "-p", "2");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("1\t2\t1.0\t1.0", "1\t2\t2.0\t1.0", "1\t3\t1.0\t1.0", "2\t1\t1.0\t1.0", "2\t1\t1.0\t2.0",
                "2\t3\t1.0\t1.0", "3\t1\t1.0\t1.0", "3\t2\t1.0\t1.0"), sortedLines(top));

        // bottoms 10 and 20 share tops 1 and 2; --full names the shared top; without --weighted all weights are 1
        Path bottom = dir.resolve("bottom");
        assertEquals(0, CliRun.eddy("graph", "bipartite-projection", "--side", "bottom", "--full", "--input", input.toString(),
                "--output", bottom.toString()).code());
        assertEquals(List.of("10\t20\t1\t1.0\t1.0", "10\t20\t2\t1.0\t1.0", "20\t10\t1\t1.0\t1.0", "20\t10\t2\t1.0\t1.0"),
                sortedLines(bottom));
        Path weighted = dir.resolve("weighted");
        assertEquals(0, CliRun.eddy("graph", "bipartite-projection", "--side", "bottom", "--full", "--weighted",
                "--input", input.toString(), "--output", weighted.toString()).code());
        assertEquals(List.of("10\t20\t1\t1.0\t2.0", "10\t20\t2\t1.0\t1.0", "20\t10\t1\t2.0\t1.0", "20\t10\t2\t1.0\t1.0"),
                sortedLines(weighted));

        CliRun printed = CliRun.eddy("graph", "bipartite-projection", "--side", "bottom", "--input", input.toString());
        assertEquals(0, printed.code(), printed.err());
        assertTrue(printed.out().startsWith("bipartite-projection: 4 results:\n"), printed.out());
    }

    @Test
    void summarizeGroupsVerticesByLabelAndEdgesByGroupsAndWeight() throws Exception {
        Path input = edges("1 2", "2 1", "2 3", "3 1", "3 4", "4 5 2.0", "4 5", "5 4");
        // 6 is in no edge: an isolated vertex of its group; a label is the rest of the line
        Path labelFile = labels("# id label", "1 red", "2\tred", "3 blue", "4 blue", "5 green light", "6   green light  ");
        Path output = dir.resolve("summary");
        CliRun run = CliRun.eddy("graph", "summarize", "--input", input.toString(), "--vertex-labels", labelFile.toString(),
                "--weighted", "--output", output.toString(), "-p", "2");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("edge\t1\t1\t1.0\t2", "edge\t1\t3\t1.0\t1", "edge\t3\t1\t1.0\t1", "edge\t3\t3\t1.0\t1",
                "edge\t3\t5\t1.0\t1", "edge\t3\t5\t2.0\t1", "edge\t5\t3\t1.0\t1",
                "vertex\t1\tred\t2", "vertex\t3\tblue\t2", "vertex\t5\tgreen light\t2"), sortedLines(output));

        // unweighted: both 4 -> 5 edges fall into one summary edge
        Path unweighted = dir.resolve("unweighted");
        assertEquals(0, CliRun.eddy("graph", "summarize", "--input", input.toString(), "--vertex-labels", labelFile.toString(),
                "--output", unweighted.toString()).code());
        assertTrue(sortedLines(unweighted).contains("edge\t3\t5\t1.0\t2"), sortedLines(unweighted).toString());
    }

    @Test
    void summarizeNamesTheLabelMistake() throws Exception {
        Path input = edges("1 2", "2 3");
        CliRun noLabels = CliRun.eddy("graph", "summarize", "--input", input.toString());
        assertEquals(2, noLabels.code());
        assertTrue(noLabels.err().contains("summarize needs --vertex-labels <file> with lines 'id label'"), noLabels.err());

        CliRun missingFile = CliRun.eddy("graph", "summarize", "--input", input.toString(), "--vertex-labels",
                dir.resolve("none.txt").toString());
        assertEquals(1, missingFile.code());
        assertTrue(missingFile.err().contains("none.txt does not exist: check --vertex-labels"), missingFile.err());

        CliRun unlabelled = CliRun.eddy("graph", "summarize", "--input", input.toString(), "--vertex-labels",
                labels("1 a", "2 b").toString());
        assertEquals(1, unlabelled.code());
        assertTrue(unlabelled.err().contains("Vertex 3 of the edges has no label in " + dir.resolve("labels.txt")
                + ": give every vertex a line 'id label'"), unlabelled.err());

        CliRun twice = CliRun.eddy("graph", "summarize", "--input", input.toString(), "--vertex-labels",
                labels("1 a", "2 b", "3 c", "2 d").toString());
        assertEquals(1, twice.code());
        assertTrue(twice.err().contains("Vertex 2 has two labels in "), twice.err());

        CliRun malformed = CliRun.eddy("graph", "summarize", "--input", input.toString(), "--vertex-labels",
                labels("1 a", "2", "3 c").toString());
        assertEquals(1, malformed.code());
        assertTrue(malformed.err().contains("Malformed vertex-label line 2 of "), malformed.err());
        assertTrue(malformed.err().contains("expected 'id label', found no label. Line: 2"), malformed.err());
    }

    @Test
    void trianglesOfAnEdgeListAreWrittenAsPartFiles() throws Exception {
        // a 4-clique 1..4 (both directions for some pairs, a duplicate, a self-loop) and a path 4-5-6
        Path input = edges("# a comment", "1 2", "2\t1", "1 3", "1 4", "2 3", "2 4", "3 4", "3 4 2.5", "5 5", "", "4 5", "5 6");
        Path output = dir.resolve("out");
        CliRun run = CliRun.eddy("graph", "triangles", "--input", input.toString(), "--output", output.toString(), "-p", "2");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("1\t3", "2\t3", "3\t3", "4\t3", "5\t0", "6\t0"), sortedLines(output));

        Path listing = dir.resolve("listing");
        assertEquals(0, CliRun.eddy("graph", "triangle-listing", "--input", "file://" + input, "--output", listing.toString()).code());
        assertEquals(List.of("1\t2\t3", "1\t2\t4", "1\t3\t4", "2\t3\t4"), sortedLines(listing));
    }

    @Test
    void componentsCoresAndCommunitiesOfAnEdgeList() throws Exception {
        // a directed cycle 1 -> 2 -> 3 -> 1, then 3 -> 4, 4 <-> 5, 5 -> 6
        Path input = edges("1 2", "2 3", "3 1", "3 4", "4 5", "5 4", "5 6");
        Path scc = dir.resolve("scc");
        CliRun run = CliRun.eddy("graph", "scc", "--input", input.toString(), "--output", scc.toString(), "-p", "2");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("1\t1", "2\t1", "3\t1", "4\t4", "5\t4", "6\t6"), sortedLines(scc));

        Path cores = dir.resolve("cores");
        assertEquals(0, CliRun.eddy("graph", "k-core", "--input", input.toString(), "--output", cores.toString()).code());
        assertEquals(List.of("1\t2", "2\t2", "3\t2", "4\t1", "5\t1", "6\t1"), sortedLines(cores));

        // one superstep: each vertex takes the label with the largest summed score among its neighbours' (ties: smallest)
        Path communities = dir.resolve("communities");
        assertEquals(0, CliRun.eddy("graph", "community-detection", "--input", input.toString(), "--iterations", "1",
                "--output", communities.toString()).code());
        assertEquals(List.of("1\t2", "2\t1", "3\t1", "4\t5", "5\t4", "6\t5"), sortedLines(communities));

        Path components = dir.resolve("components");
        assertEquals(0, CliRun.eddy("graph", "connected-components", "--model", "vertex-centric", "--input", input.toString(),
                "--output", components.toString()).code());
        assertEquals(List.of("1\t1", "2\t1", "3\t1", "4\t1", "5\t1", "6\t1"), sortedLines(components));
        Path blocks = dir.resolve("blocks");
        assertEquals(0, CliRun.eddy("graph", "connected-components", "--model", "blocks", "--input", input.toString(),
                "--output", blocks.toString(), "-p", "2").code());
        assertEquals(sortedLines(components), sortedLines(blocks));
        CliRun badModel = CliRun.eddy("graph", "sssp", "--source", "1", "--model", "gsa", "--input", input.toString());
        assertEquals(2, badModel.code());
        assertTrue(badModel.err().contains("--model for sssp is one of scatter-gather, vertex-centric, not 'gsa'"), badModel.err());
    }

    @Test
    void labelPropagationOnAGeneratedGraphPrintsASummary() throws Exception {
        CliRun run = CliRun.eddy("graph", "label-propagation", "--generate", "rmat", "--edges", "2000", "--iterations", "3");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("label-propagation: 256 results, the first 10:\n"), run.out());
    }

    @Test
    void summaryFiguresArePrintedWithoutOutput() throws Exception {
        Path input = edges("1 2", "2 3", "3 1", "3 4");
        CliRun run = CliRun.eddy("graph", "vertex-metrics", "--input", input.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("vertices\t4\nedges\t4\n"), run.out());
        assertTrue(run.out().contains("triplets\t5\nmax_degree\t3\n"), run.out());
    }

    @Test
    void mistakesGiveOneLineEach() throws Exception {
        Path input = edges("1 2", "2 x");
        CliRun unknown = CliRun.eddy("graph", "pagerrank", "--input", input.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("eddy: graph: unknown algorithm 'pagerrank': use one of pagerank, "), unknown.err());

        CliRun option = CliRun.eddy("graph", "triangles", "--input", input.toString(), "--frobnicate");
        assertEquals(2, option.code());
        assertTrue(option.err().contains("unknown option '--frobnicate' for graph triangles"), option.err());

        CliRun noInput = CliRun.eddy("graph", "triangles");
        assertEquals(2, noInput.code());
        assertTrue(noInput.err().contains("either --input <edge list> or --generate rmat --edges E"), noInput.err());

        CliRun noSource = CliRun.eddy("graph", "sssp", "--input", input.toString());
        assertEquals(2, noSource.code());
        assertTrue(noSource.err().contains("sssp needs --source <vertex id>"), noSource.err());

        CliRun noIterations = CliRun.eddy("graph", "hits", "--input", input.toString());
        assertEquals(2, noIterations.code());
        assertTrue(noIterations.err().contains("hits needs --iterations N"), noIterations.err());

        CliRun missing = CliRun.eddy("graph", "triangles", "--input", dir.resolve("nope.txt").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.txt does not exist: check --input"), missing.err());

        CliRun negative = CliRun.eddy("graph", "sssp", "--source", "1", "--weighted", "--input",
                Files.write(dir.resolve("negative.txt"), List.of("1 2 1.5", "2 3 -1")).toString());
        assertEquals(1, negative.code());
        assertTrue(negative.err().contains("sssp --weighted needs positive weights, but edge 2 -> 3 weighs -1.0: fix the edge list, "
                + "or drop --weighted to count hops"), negative.err());

        CliRun badSide = CliRun.eddy("graph", "bipartite-projection", "--input", input.toString(), "--side", "left");
        assertEquals(2, badSide.code());
        assertTrue(badSide.err().contains("--side is top (the first column's vertices) or bottom (the second's), not 'left'"),
                badSide.err());

        CliRun misplaced = CliRun.eddy("graph", "triangles", "--input", input.toString(), "--full");
        assertEquals(2, misplaced.code());
        assertTrue(misplaced.err().contains("--full applies to bipartite-projection only, not to triangles"), misplaced.err());

        CliRun malformed = CliRun.eddy("graph", "triangles", "--input", input.toString());
        assertEquals(1, malformed.code());
        assertTrue(malformed.err().contains("Malformed edge-list line 2 of "), malformed.err());
        assertTrue(malformed.err().contains("Line: 2 x"), malformed.err());
        assertEquals(1, malformed.err().strip().lines().count(), malformed.err());
    }

    @Test
    void helpListsEveryAlgorithm() {
        CliRun help = CliRun.eddy("graph", "--help");
        assertEquals(0, help.code());
        for (String name : List.of("pagerank", "personalized-pagerank", "connected-components", "sssp", "triangles",
                "jaccard", "edge-metrics", "vertex-metrics", "community-detection", "scc", "k-core", "bipartite-projection",
                "summarize")) {
            assertTrue(help.out().contains("  " + name + " "), name + " in " + help.out());
        }
        assertTrue(help.out().contains("--vertex-labels <f> for summarize: lines 'id label'"), help.out());
        assertTrue(help.out().contains("'vertex id label count' per label group"), help.out());
    }

    private static List<String> sortedLines(Path directory) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        lines.sort(null);
        return lines;
    }
}
