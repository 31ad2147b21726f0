package io.eddy.benchmarks.batch;

import io.eddy.api.config.Configuration;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.gelly.Graph;
import io.eddy.gelly.Vertex;
import io.eddy.gelly.generator.RMatGraph;
import io.eddy.gelly.library.components.ConnectedComponents;
import io.eddy.gelly.library.linkanalysis.PageRank;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The graph workloads of {@code ../shared/benchmarks/WORKLOADS.md} (sections 4, 4a, 4b) on gelly at
 * parallelism 2: the R-MAT graph of E edges generated inside the job ({@link RMatGraph}, scale
 * {@link RMatGraph#scaleFor}), then gelly's {@link PageRank} (exactly 10 iterations) or
 * {@link ConnectedComponents} (blocks contracted to their local components, on the undirected graph), with the section-6 checksum
 * computed from per-partition partial results that the driver combines. {@code records} = E.
 */
public final class GraphWorkloads {
    private GraphWorkloads() {}

    public static final long DEFAULT_EDGES = 10_000_000L;

    public static boolean isWorkload(String name) {
        return name.equals("pagerank") || name.equals("connected-components");
    }

    public static BatchWorkloads.Result run(Configuration config, String name, long edges) throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
        long cpuBefore = BatchWorkloads.processCpuNanos();
        long start = System.nanoTime();
        Graph<Long, Void, Void> graph = new RMatGraph(env, RMatGraph.scaleFor(edges), edges).generate();
        String checksum = switch (name) {
            case "pagerank" -> pageRank(graph);
            case "connected-components" -> connectedComponents(graph);
            default -> throw new IllegalArgumentException("Unknown graph workload " + name + ": use pagerank or connected-components");
        };
        double seconds = (System.nanoTime() - start) / 1e9;
        return new BatchWorkloads.Result(name, edges, seconds, BatchWorkloads.processCpuNanos() - cpuBefore, checksum);
    }

    private static final int TOP = 10;

    static String pageRank(Graph<Long, Void, Void> graph) throws Exception {
        List<double[]> parts = graph.run(new PageRank<Long, Void, Void>().iterations(10))
                .mapPartition(new SumAndTop()).collect();
        double sum = 0;
        List<double[]> top = new ArrayList<>();
        for (double[] p : parts) {
            sum += p[0];
            for (int i = 1; i + 1 < p.length; i += 2) {
                top.add(new double[] {p[i], p[i + 1]});
            }
        }
        top.sort(GraphWorkloads::byRankThenId);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "sum:%.9f,top10:", sum));
        for (int i = 0; i < Math.min(TOP, top.size()); i++) {
            text.append(i == 0 ? "" : ";").append((long) top.get(i)[0]).append(':')
                    .append(String.format(Locale.ROOT, "%.6e", top.get(i)[1]));
        }
        return text.toString();
    }

    /** Higher rank first, ties to the smaller id. */
    private static int byRankThenId(double[] a, double[] b) {
        int c = Double.compare(b[1], a[1]);
        return c != 0 ? c : Long.compare((long) a[0], (long) b[0]);
    }

    /** Per partition: the sum of the ranks, then (id, rank) of its 10 highest (ids < 2^31, exact in a double). */
    private static final class SumAndTop implements GroupReduceFunction<Tuple2<Long, Double>, double[]> {
        @Override
        public void reduce(Iterable<Tuple2<Long, Double>> ranks, Collector<double[]> out) {
            double sum = 0;
            List<double[]> top = new ArrayList<>();
            for (Tuple2<Long, Double> r : ranks) {
                sum += r.f1;
                top.add(new double[] {r.f0, r.f1});
                if (top.size() > 4 * TOP) {
                    top.sort(GraphWorkloads::byRankThenId);
                    top.subList(TOP, top.size()).clear();
                }
            }
            top.sort(GraphWorkloads::byRankThenId);
            int kept = Math.min(TOP, top.size());
            double[] result = new double[1 + 2 * kept];
            result[0] = sum;
            for (int i = 0; i < kept; i++) {
                result[1 + 2 * i] = top.get(i)[0];
                result[2 + 2 * i] = top.get(i)[1];
            }
            out.collect(result);
        }
    }

    static String connectedComponents(Graph<Long, Void, Void> graph) throws Exception {
        DataSet<Vertex<Long, Long>> labels = graph.run(new ConnectedComponents<Long, Void, Void>(
                ConnectedComponents.Model.BLOCKS, Integer.MAX_VALUE));
        List<long[]> parts = labels.map(new PerVertex()).groupBy(0).reduce(new AddUp())
                .mapPartition(new ComponentSums()).collect();
        long components = 0, largest = 0, hash = 0;
        for (long[] p : parts) {
            components += p[0];
            largest = Math.max(largest, p[1]);
            hash += p[2];
        }
        return String.format("components:%d,largest:%d,hash:%016x", components, largest, hash);
    }

    /** (label, 1, mix64(v + label * GAMMA)) */
    private static final class PerVertex implements MapFunction<Vertex<Long, Long>, Tuple3<Long, Long, Long>> {
        @Override
        public Tuple3<Long, Long, Long> map(Vertex<Long, Long> v) {
            return Tuple3.of(v.value(), 1L, BatchWorkloads.mix64(v.id() + v.value() * BatchWorkloads.GAMMA));
        }
    }

    private static final class AddUp implements ReduceFunction<Tuple3<Long, Long, Long>> {
        @Override
        public Tuple3<Long, Long, Long> reduce(Tuple3<Long, Long, Long> a, Tuple3<Long, Long, Long> b) {
            return Tuple3.of(a.f0, a.f1 + b.f1, a.f2 + b.f2);
        }
    }

    /** Per partition: components, largest component, hash. */
    private static final class ComponentSums implements GroupReduceFunction<Tuple3<Long, Long, Long>, long[]> {
        @Override
        public void reduce(Iterable<Tuple3<Long, Long, Long>> components, Collector<long[]> out) {
            long count = 0, largest = 0, hash = 0;
            for (Tuple3<Long, Long, Long> c : components) {
                count++;
                largest = Math.max(largest, c.f1);
                hash += c.f2;
            }
            out.collect(new long[] {count, largest, hash});
        }
    }
}
