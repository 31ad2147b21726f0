package io.eddy.client.graph;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.fs.FileSystems;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.IterationOptions;
import io.eddy.gelly.Vertex;
import io.eddy.gelly.bipartite.BipartiteEdge;
import io.eddy.gelly.bipartite.BipartiteGraph;
import io.eddy.gelly.bipartite.Projection;
import io.eddy.gelly.generator.RMatGraph;
import io.eddy.gelly.library.clustering.ClusteringSummary;
import io.eddy.gelly.library.clustering.LocalClusteringCoefficient;
import io.eddy.gelly.library.clustering.TriangleCount;
import io.eddy.gelly.library.clustering.TriangleListing;
import io.eddy.gelly.library.community.CommunityDetection;
import io.eddy.gelly.library.community.LabelPropagation;
import io.eddy.gelly.library.components.ConnectedComponents;
import io.eddy.gelly.library.components.StronglyConnectedComponents;
import io.eddy.gelly.library.cores.KCore;
import io.eddy.gelly.library.linkanalysis.HITS;
import io.eddy.gelly.library.linkanalysis.PageRank;
import io.eddy.gelly.library.metrics.EdgeMetrics;
import io.eddy.gelly.library.metrics.VertexMetrics;
import io.eddy.gelly.library.paths.SingleSourceShortestPaths;
import io.eddy.gelly.library.similarity.AdamicAdar;
import io.eddy.gelly.library.similarity.JaccardIndex;
import io.eddy.gelly.library.summarization.Summarization;
import io.eddy.gelly.library.summarization.Summarization.Group;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code eddy graph <algorithm> ...}: runs a gelly algorithm on an edge list ({@link Graph#fromEdgeList}) or
 * a generated R-MAT graph and writes {@code id<TAB>value} lines (pairs: {@code a<TAB>b<TAB>value},
 * triangles {@code a<TAB>b<TAB>c}) as part files under {@code --output}, or prints a summary. The
 * vertex set of a graph read from an edge list is the set of ids in it.
 */
public final class GraphCommand {
    /** Algorithm name → its options, for --help and for the error on an unknown name. */
    static final Map<String, String> ALGORITHMS = new LinkedHashMap<>();

    static {
        ALGORITHMS.put("pagerank", "[--iterations N | --tolerance T] [--damping D]   PR of every vertex (dangling rank spread evenly)");
        ALGORITHMS.put("personalized-pagerank", "--source V [--iterations N | --tolerance T] [--damping D]");
        ALGORITHMS.put("hits", "--iterations N   id, hub, authority (unit L2 norms), exactly N iterations");
        ALGORITHMS.put("label-propagation", "--iterations N   most frequent in-neighbour label, ties smallest, exactly N");
        ALGORITHMS.put("community-detection", "--iterations N [--delta D]   scored label propagation with hop attenuation D (default 0.5)");
        ALGORITHMS.put("connected-components", "[--model scatter-gather|gsa|vertex-centric|blocks]   weakly connected; label = smallest id");
        ALGORITHMS.put("scc", "   strongly connected components; label = smallest id that reaches and is reached");
        ALGORITHMS.put("k-core", "   core number of every vertex of the simple undirected graph");
        ALGORITHMS.put("sssp", "--source V [--weighted] [--model scatter-gather|vertex-centric]   distance from V along directed edges; Infinity if unreachable");
        ALGORITHMS.put("triangles", "   triangles per vertex of the simple undirected graph");
        ALGORITHMS.put("triangle-listing", "   every triangle a<b<c of the simple undirected graph");
        ALGORITHMS.put("local-clustering", "   2t/(d(d-1)) per vertex, 0 when d < 2");
        ALGORITHMS.put("global-clustering", "   3 x triangles / triplets, and the average local coefficient");
        ALGORITHMS.put("jaccard", "   |N(a)&N(b)|/|N(a)|N(b)| for pairs a<b with a common neighbour");
        ALGORITHMS.put("adamic-adar", "   sum of 1/ln d(w) over common neighbours w, pairs a<b");
        ALGORITHMS.put("vertex-metrics", "   vertices, edges, triplets, max degree of the simple undirected graph");
        ALGORITHMS.put("edge-metrics", "   edges, self-loops, distinct, undirected, mutual pairs, max multiplicity");
        ALGORITHMS.put("bipartite-projection", "[--side top|bottom] [--full] [--weighted]   input lines 'top bottom [weight]'; "
                + "a projected edge a->b per shared neighbour m: a, b, [m,] weight(a,m), weight(b,m)");
        ALGORITHMS.put("summarize", "--vertex-labels <file> [--weighted]   one vertex per label (vertex, smallest id, label, count), "
                + "one edge per group pair and weight (edge, source, target, weight, count)");
    }

    /** Options that only some algorithms take, and which. */
    private static final Map<String, List<String>> ALGORITHM_OPTIONS = Map.of(
            "--side", List.of("bipartite-projection"),
            "--full", List.of("bipartite-projection"),
            "--vertex-labels", List.of("summarize"));

    static final String USAGE = """
            Usage: eddy graph <algorithm> --input <edges> [--weighted] [--output <dir>] [options] [-p N]
                   eddy graph <algorithm> --generate rmat --edges E [--seed S] ...

              --input <path>      edge list 'source target [weight]' (tabs or spaces, long ids, '#' comments),
                                  a file or directory on any Hadoop file system (file://, hdfs://, ...);
                                  or rmat:scale=S,edge-factor=F[,seed=X] for an R-MAT graph of F x 2^S edges
              --generate rmat --edges E [--seed S]
                                  the R-MAT graph of WORKLOADS.md section 4 with E edges
              --weighted          the third column is the edge weight (else every edge weighs 1.0)
              --vertex-labels <f> for summarize: lines 'id label' (label: the rest of the line), one per vertex
              --output <dir>      writes part files of result lines; without it a summary is printed
              -p N                parallelism (default: parallelism.default)

            A large input file is read in byte ranges by all parallel readers; a malformed line fails the job
            with its file and line number. Results are tab-separated lines: 'id value' per vertex, 'a b value'
            per pair, 'a b c' per triangle; bipartite-projection: 'a b weight(a,m) weight(b,m)' per projected
            edge through a shared neighbour m ('a b m weight(a,m) weight(b,m)' with --full); summarize:
            'vertex id label count' per label group (id: the group's smallest) and
            'edge source target weight count' per pair of groups and weight.

            Algorithms:
            %s""";

    private final PrintStream out;
    private final ExecutionEnvironment environment;

    public GraphCommand(PrintStream out, ExecutionEnvironment environment) {
        this.out = out;
        this.environment = environment;
    }

    /** The usage text with every algorithm and its options. */
    public static String usage() {
        StringBuilder list = new StringBuilder();
        ALGORITHMS.forEach((name, options) -> list.append(String.format("  %-22s %s%n", name, options.strip())));
        return String.format(USAGE, list);
    }

    /** Parsed command line of {@code eddy graph}: option values, and the flags given (--weighted, --full). */
    public record Options(String algorithm, Map<String, String> values, Set<String> flags) {
        String get(String name) {
            return values.get(name);
        }

        boolean weighted() {
            return flags.contains("--weighted");
        }

        public Integer parallelism() {
            return values.containsKey("-p") ? positiveInt("-p") : null;
        }

        int positiveInt(String name) {
            try {
                int v = Integer.parseInt(values.get(name));
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(name + " takes a positive integer, not '" + values.get(name) + "'");
        }

        double number(String name) {
            try {
                return Double.parseDouble(values.get(name));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " takes a number, not '" + values.get(name) + "'");
            }
        }

        long id(String name) {
            String v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException(algorithm + " needs " + name + " <vertex id>");
            }
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " takes a vertex id (a long), not '" + v + "'");
            }
        }
    }

    private static final List<String> VALUE_OPTIONS = List.of("--input", "--output", "--generate", "--edges", "--seed",
            "--iterations", "--tolerance", "--damping", "--source", "--model", "--delta", "--side", "--vertex-labels", "-p");

    private static final List<String> FLAGS = List.of("--weighted", "--full");

    /** Parses {@code <algorithm> [options]}; every mistake is an IllegalArgumentException with one line. */
    public static Options parse(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("which algorithm? one of: " + String.join(", ", ALGORITHMS.keySet()));
        }
        String algorithm = args.get(0);
        if (!ALGORITHMS.containsKey(algorithm)) {
            throw new IllegalArgumentException("unknown algorithm '" + algorithm + "': use one of " + String.join(", ", ALGORITHMS.keySet()));
        }
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (FLAGS.contains(a)) {
                flags.add(a);
            } else if (VALUE_OPTIONS.contains(a)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                values.put(a, args.get(++i));
            } else {
                throw new IllegalArgumentException("unknown option '" + a + "' for graph " + algorithm + ": options are "
                        + String.join(", ", FLAGS) + ", " + String.join(", ", VALUE_OPTIONS));
            }
            List<String> takers = ALGORITHM_OPTIONS.get(a);
            if (takers != null && !takers.contains(algorithm)) {
                throw new IllegalArgumentException(a + " applies to " + String.join(", ", takers) + " only, not to " + algorithm);
            }
        }
        if (values.containsKey("--input") == values.containsKey("--generate")) {
            throw new IllegalArgumentException("give the graph with either --input <edge list> or --generate rmat --edges E");
        }
        if (values.containsKey("--generate") && !values.get("--generate").equals("rmat")) {
            throw new IllegalArgumentException("--generate knows 'rmat' only, not '" + values.get("--generate") + "'");
        }
        if (values.containsKey("--generate") && !values.containsKey("--edges")) {
            throw new IllegalArgumentException("--generate rmat needs --edges E");
        }
        if (values.containsKey("--iterations") && values.containsKey("--tolerance")) {
            throw new IllegalArgumentException("give --iterations N (exactly N) or --tolerance T (until the change is below T), not both");
        }
        if (values.containsKey("--side") && !List.of("top", "bottom").contains(values.get("--side"))) {
            throw new IllegalArgumentException("--side is top (the first column's vertices) or bottom (the second's), not '"
                    + values.get("--side") + "'");
        }
        if (algorithm.equals("summarize") && !values.containsKey("--vertex-labels")) {
            throw new IllegalArgumentException("summarize needs --vertex-labels <file> with lines 'id label': vertices are "
                    + "grouped by label");
        }
        return new Options(algorithm, values, Set.copyOf(flags));
    }

    /** Runs the algorithm; returns the number of result records (or printed figures). */
    public long run(Options o) throws Exception {
        Graph<Long, Void, Double> graph = graph(o);
        String output = o.get("--output");
        DataSet<String> lines;
        switch (o.algorithm()) {
            case "pagerank", "personalized-pagerank" -> {
                PageRank<Long, Void, Double> pageRank = new PageRank<>();
                if (o.get("--damping") != null) {
                    pageRank.damping(o.number("--damping"));
                }
                if (o.get("--iterations") != null) {
                    pageRank.iterations(o.positiveInt("--iterations"));
                } else if (o.get("--tolerance") != null) {
                    pageRank.tolerance(o.number("--tolerance"), 100_000);
                }
                if (o.algorithm().equals("personalized-pagerank")) {
                    pageRank.personalized(o.id("--source"));
                }
                lines = tsv(graph.run(pageRank));
            }
            case "connected-components" -> {
                ConnectedComponents.Model model = switch (model(o, "scatter-gather", "gsa", "vertex-centric", "blocks")) {
                    case "gsa" -> ConnectedComponents.Model.GATHER_SUM_APPLY;
                    case "blocks" -> ConnectedComponents.Model.BLOCKS;
                    case "vertex-centric" -> ConnectedComponents.Model.VERTEX_CENTRIC;
                    default -> ConnectedComponents.Model.SCATTER_GATHER;
                };
                lines = vertices(graph.run(new ConnectedComponents<Long, Void, Double>(model, Integer.MAX_VALUE)));
            }
            case "sssp" -> {
                long source = o.id("--source");
                SingleSourceShortestPaths.Model model = model(o, "scatter-gather", "vertex-centric").equals("vertex-centric")
                        ? SingleSourceShortestPaths.Model.VERTEX_CENTRIC : SingleSourceShortestPaths.Model.SCATTER_GATHER;
                Graph<Long, Void, Double> weighted = o.weighted() ? graph.mapEdges(new PositiveWeight(), Types.DOUBLE) : weighted(o, graph);
                lines = vertices(weighted.run(new SingleSourceShortestPaths<Long, Void>(source, Integer.MAX_VALUE, model,
                        new IterationOptions())));
            }
            case "community-detection" -> {
                double delta = o.get("--delta") == null ? 0.5 : o.number("--delta");
                Graph<Long, Long, Double> labelled = weighted(o, graph).mapVertices(new OwnIdAsLabel(), Types.LONG);
                lines = vertices(labelled.run(new CommunityDetection<Long>(iterations(o), delta)));
            }
            case "scc" -> lines = vertices(graph.run(new StronglyConnectedComponents<Long, Void, Double>()));
            case "k-core" -> lines = vertices(graph.run(new KCore<Long, Void, Double>()));
            case "hits" -> lines = tsv(graph.run(new HITS<Long, Void, Double>(iterations(o))));
            case "label-propagation" -> lines = vertices(graph.run(new LabelPropagation<Long, Void, Double>(iterations(o))));
            case "triangles" -> lines = tsv(graph.run(new TriangleCount<Long, Void, Double>()));
            case "triangle-listing" -> lines = tsv(TriangleListing.undirected(graph));
            case "local-clustering" -> lines = graph.run(new LocalClusteringCoefficient<Long, Void, Double>())
                    .map(new LocalCoefficientLine()).returns(Types.STRING);
            case "jaccard" -> lines = tsv(graph.run(new JaccardIndex<Long, Void, Double>()));
            case "adamic-adar" -> lines = tsv(graph.run(new AdamicAdar<Long, Void, Double>()));
            case "global-clustering" -> {
                ClusteringSummary s = graph.run(ClusteringSummary.compute());
                return figures(output, "triangles\t" + s.triangles(), "triplets\t" + s.triplets(),
                        "global_clustering\t" + s.global(), "average_clustering\t" + s.average());
            }
            case "vertex-metrics" -> {
                VertexMetrics m = graph.run(VertexMetrics.compute());
                return figures(output, "vertices\t" + m.vertices(), "edges\t" + m.edges(), "average_degree\t" + m.averageDegree(),
                        "triplets\t" + m.triplets(), "max_degree\t" + m.maxDegree(), "max_triplets\t" + m.maxTriplets());
            }
            case "edge-metrics" -> {
                EdgeMetrics m = graph.run(EdgeMetrics.compute());
                return figures(output, "edges\t" + m.edges(), "self_loops\t" + m.selfLoops(), "distinct_edges\t" + m.distinctEdges(),
                        "undirected_edges\t" + m.undirectedEdges(), "mutual_pairs\t" + m.mutualPairs(),
                        "max_multiplicity\t" + m.maxMultiplicity());
            }
            case "bipartite-projection" -> lines = projection(o, graph);
            case "summarize" -> {
                String labels = existing(o.get("--vertex-labels"), "--vertex-labels");
                Graph<Long, Group<String>, Group<Double>> summary = VertexLabels.label(weighted(o, graph), labels, environment)
                        .run(new Summarization<Long, String, Double>());
                lines = summary.getVertices().map(new SummaryVertexLine()).returns(Types.STRING)
                        .union(summary.getEdges().map(new SummaryEdgeLine()).returns(Types.STRING));
            }
            default -> throw new IllegalStateException("no case for " + o.algorithm());
        }
        if (output != null) {
            lines.writeAsText(output);
            environment.execute("eddy graph " + o.algorithm());
            out.println(o.algorithm() + ": results written to " + output);
            return -1;
        }
        List<String> all = lines.collect();
        List<String> first = new ArrayList<>(all.subList(0, Math.min(10, all.size())));
        out.println(o.algorithm() + ": " + all.size() + " results" + (all.size() > first.size() ? ", the first 10:" : ":"));
        first.forEach(out::println);
        return all.size();
    }

    /** The graph with its edge-list weights with --weighted, else with weight 1.0 on every edge. */
    private static Graph<Long, Void, Double> weighted(Options o, Graph<Long, Void, Double> graph) {
        return o.weighted() ? graph : graph.mapEdges(new UnitWeight<Double>(), Types.DOUBLE);
    }

    /** The edges read as bipartite (first column top, second bottom) projected onto the --side vertices. */
    private static DataSet<String> projection(Options o, Graph<Long, Void, Double> graph) {
        BipartiteGraph<Long, Long, Void, Void, Double> bipartite = BipartiteGraph.fromDataSet(weighted(o, graph).getEdges()
                .map(new AsBipartite()).returns(BipartiteEdge.type(Types.LONG, Types.LONG, Types.DOUBLE)));
        boolean top = !"bottom".equals(o.get("--side"));
        if (o.flags().contains("--full")) {
            return (top ? bipartite.projectionTopFull() : bipartite.projectionBottomFull()).getEdges()
                    .map(new FullProjectionLine()).returns(Types.STRING);
        }
        return (top ? bipartite.projectionTopSimple() : bipartite.projectionBottomSimple()).getEdges()
                .map(new SimpleProjectionLine()).returns(Types.STRING);
    }

    /** The --model value, the first of {@code allowed} when absent. */
    private static String model(Options o, String... allowed) {
        String model = o.values().getOrDefault("--model", allowed[0]);
        if (!List.of(allowed).contains(model)) {
            throw new IllegalArgumentException("--model for " + o.algorithm() + " is one of " + String.join(", ", allowed)
                    + ", not '" + model + "'");
        }
        return model;
    }

    private static int iterations(Options o) {
        if (o.get("--iterations") == null) {
            throw new IllegalArgumentException(o.algorithm() + " needs --iterations N");
        }
        return o.positiveInt("--iterations");
    }

    private long figures(String output, String... lines) throws Exception {
        if (output != null) {
            environment.fromElements(lines).writeAsText(output);
            environment.execute("eddy graph");
        }
        for (String line : lines) {
            out.println(line);
        }
        return lines.length;
    }

    private Graph<Long, Void, Double> graph(Options o) throws IOException {
        String input = o.get("--input");
        if (input != null && !input.startsWith("rmat:")) {
            return Graph.fromEdgeList(existing(input, "--input"), environment);
        }
        int scale;
        long edges;
        long seed = RMatGraph.DEFAULT_SEED;
        if (input != null) {
            Map<String, String> p = new LinkedHashMap<>();
            for (String kv : input.substring("rmat:".length()).split(",")) {
                String[] pair = kv.split("=", 2);
                if (pair.length != 2) {
                    throw new IllegalArgumentException("--input rmat: takes scale=S,edge-factor=F[,seed=X], not '" + input + "'");
                }
                p.put(pair[0], pair[1]);
            }
            if (!p.containsKey("scale") || !p.containsKey("edge-factor")) {
                throw new IllegalArgumentException("--input rmat: needs scale=S and edge-factor=F, e.g. rmat:scale=20,edge-factor=16,seed=1");
            }
            scale = Integer.parseInt(p.get("scale"));
            edges = Long.parseLong(p.get("edge-factor")) << scale;
            seed = p.containsKey("seed") ? Long.parseLong(p.get("seed")) : seed;
        } else {
            edges = Long.parseLong(o.get("--edges").replace("_", ""));
            scale = RMatGraph.scaleFor(edges);
            seed = o.get("--seed") != null ? Long.parseLong(o.get("--seed")) : seed;
        }
        return new RMatGraph(environment, scale, edges).seed(seed).generate().mapEdges(new UnitWeight<Void>(), Types.DOUBLE);
    }

    /** {@code path}, checked here so a mistyped path fails before a job starts. */
    private static String existing(String path, String option) throws IOException {
        if (!FileSystems.get(path).exists(path)) {
            throw new FileNotFoundException("The input " + path + " does not exist: check " + option);
        }
        return path;
    }

    private static <T extends Tuple> DataSet<String> tsv(DataSet<T> tuples) {
        return tuples.map(new TabSeparated<T>()).returns(Types.STRING);
    }

    private static <V> DataSet<String> vertices(DataSet<Vertex<Long, V>> vertices) {
        return vertices.map(new VertexLine<V>()).returns(Types.STRING);
    }

    private record UnitWeight<EV>() implements MapFunction<io.eddy.gelly.Edge<Long, EV>, Double> {
        @Override
        public Double map(io.eddy.gelly.Edge<Long, EV> edge) {
            return 1.0;
        }
    }

    /** Shortest paths need positive weights: a negative cycle would never let the distances settle. */
    private record PositiveWeight() implements MapFunction<io.eddy.gelly.Edge<Long, Double>, Double> {
        @Override
        public Double map(io.eddy.gelly.Edge<Long, Double> edge) {
            if (!(edge.value() > 0)) {
                throw new IllegalArgumentException("sssp --weighted needs positive weights, but edge " + edge.source() + " -> "
                        + edge.target() + " weighs " + edge.value() + ": fix the edge list, or drop --weighted to count hops");
            }
            return edge.value();
        }
    }

    private record OwnIdAsLabel() implements MapFunction<Vertex<Long, Void>, Long> {
        @Override
        public Long map(Vertex<Long, Void> vertex) {
            return vertex.id();
        }
    }

    private record TabSeparated<T extends Tuple>() implements MapFunction<T, String> {
        @Override
        public String map(T t) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < t.getArity(); i++) {
                line.append(i == 0 ? "" : "\t").append((Object) t.getField(i));
            }
            return line.toString();
        }
    }

    private record VertexLine<V>() implements MapFunction<Vertex<Long, V>, String> {
        @Override
        public String map(Vertex<Long, V> v) {
            return v.id() + "\t" + v.value();
        }
    }

    private record AsBipartite() implements MapFunction<io.eddy.gelly.Edge<Long, Double>, BipartiteEdge<Long, Long, Double>> {
        @Override
        public BipartiteEdge<Long, Long, Double> map(io.eddy.gelly.Edge<Long, Double> edge) {
            return new BipartiteEdge<>(edge.source(), edge.target(), edge.value());
        }
    }

    private record SimpleProjectionLine() implements MapFunction<io.eddy.gelly.Edge<Long, Tuple2<Double, Double>>, String> {
        @Override
        public String map(io.eddy.gelly.Edge<Long, Tuple2<Double, Double>> e) {
            return e.source() + "\t" + e.target() + "\t" + e.value().f0 + "\t" + e.value().f1;
        }
    }

    private record FullProjectionLine() implements MapFunction<io.eddy.gelly.Edge<Long, Projection<Long, Void, Double>>, String> {
        @Override
        public String map(io.eddy.gelly.Edge<Long, Projection<Long, Void, Double>> e) {
            Projection<Long, Void, Double> p = e.value();
            return e.source() + "\t" + e.target() + "\t" + p.intermediateId() + "\t" + p.sourceEdgeValue() + "\t" + p.targetEdgeValue();
        }
    }

    private record SummaryVertexLine() implements MapFunction<Vertex<Long, Group<String>>, String> {
        @Override
        public String map(Vertex<Long, Group<String>> v) {
            return "vertex\t" + v.id() + "\t" + v.value().value() + "\t" + v.value().count();
        }
    }

    private record SummaryEdgeLine() implements MapFunction<io.eddy.gelly.Edge<Long, Group<Double>>, String> {
        @Override
        public String map(io.eddy.gelly.Edge<Long, Group<Double>> e) {
            return "edge\t" + e.source() + "\t" + e.target() + "\t" + e.value().value() + "\t" + e.value().count();
        }
    }

    private record LocalCoefficientLine() implements MapFunction<io.eddy.api.tuple.Tuple3<Long, Long, Long>, String> {
        @Override
        public String map(io.eddy.api.tuple.Tuple3<Long, Long, Long> t) {
            return t.f0 + "\t" + LocalClusteringCoefficient.coefficient(t.f1, t.f2);
        }
    }
}
