package io.eddy.examples;

import io.eddy.api.dataset.Aggregations;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.DeltaIteration;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Connected components of an undirected graph as a delta iteration: every vertex starts with its own
 * id as label (the solution set, keyed by vertex); each superstep the vertices whose label changed
 * (the workset) offer it to their neighbours, each neighbour keeps the smallest offer, and those below
 * its current label (a join with the solution set) update it and form the next workset. It ends when
 * no label changes. Each vertex ends with the smallest id of its component.
 *
 * <pre>
 * bin/eddy run -c io.eddy.examples.ConnectedComponents examples/target/eddy-examples.jar [--vertices 1000] [--edges 800]
 * </pre>
 * The graph is generated (deterministically); prints the number of components and the largest one's size.
 */
public final class ConnectedComponents {
    private ConnectedComponents() {}

    public static void main(String[] args) throws Exception {
        ProgramArguments params = ProgramArguments.parse(args);
        long vertices = params.getLong("vertices", 1000);
        List<Tuple2<Long, Long>> edges = edges(vertices, params.getLong("edges", 800), 42);
        List<Tuple2<Long, Long>> labels = run(ExecutionEnvironment.getExecutionEnvironment(), vertices, edges, 100);
        java.util.Map<Long, Long> sizes = new java.util.TreeMap<>();
        labels.forEach(l -> sizes.merge(l.f1, 1L, Long::sum));
        System.out.println("components " + sizes.size() + " largest " + sizes.values().stream().max(Long::compare).orElse(0L));
    }

    /** (vertex, label) for the vertices 0 to {@code vertices - 1}, by vertex. */
    public static List<Tuple2<Long, Long>> run(ExecutionEnvironment env, long vertices, List<Tuple2<Long, Long>> edges,
            int maxIterations) throws Exception {
        List<Tuple2<Long, Long>> result = new ArrayList<>(labels(env, vertices, edges, maxIterations).collect());
        result.sort(Comparator.comparing(t -> t.f0));
        return result;
    }

    /** The data set of (vertex, label) for the vertices 0 to {@code vertices - 1}, for a sink of the caller's. */
    public static DataSet<Tuple2<Long, Long>> labels(ExecutionEnvironment env, long vertices, List<Tuple2<Long, Long>> edges,
            int maxIterations) {
        DataSet<Tuple2<Long, Long>> labels = env.generateSequence(0, vertices - 1).map(new OwnIdAsLabel());
        DataSet<Tuple2<Long, Long>> bothWays = env.fromCollection(edges).flatMap(new BothDirections());

        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = labels.iterateDelta(labels, maxIterations, 0);
        DataSet<Tuple2<Long, Long>> changes = iteration.getWorkset()
                .join(bothWays).where(0).equalTo(0).with(new OfferLabelToNeighbour())
                .groupBy(0).aggregate(Aggregations.MIN, 1)
                .join(iteration.getSolutionSet()).where(0).equalTo(0).with(new KeepIfSmaller());
        return iteration.closeWith(changes, changes);
    }

    /** {@code edges} random edges between the vertices 0 to {@code vertices - 1}. */
    public static List<Tuple2<Long, Long>> edges(long vertices, long edges, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<Tuple2<Long, Long>> result = new ArrayList<>();
        for (long e = 0; e < edges; e++) {
            result.add(Tuple2.of(random.nextLong(vertices), random.nextLong(vertices)));
        }
        return result;
    }

    private static final class OwnIdAsLabel implements MapFunction<Long, Tuple2<Long, Long>> {
        @Override
        public Tuple2<Long, Long> map(Long vertex) {
            return Tuple2.of(vertex, vertex);
        }
    }

    private static final class BothDirections implements FlatMapFunction<Tuple2<Long, Long>, Tuple2<Long, Long>> {
        @Override
        public void flatMap(Tuple2<Long, Long> edge, Collector<Tuple2<Long, Long>> out) {
            out.collect(edge);
            out.collect(Tuple2.of(edge.f1, edge.f0));
        }
    }

    /** (neighbour, label) for a changed vertex (vertex, label) and an edge (vertex, neighbour). */
    private static final class OfferLabelToNeighbour
            implements JoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        @Override
        public Tuple2<Long, Long> join(Tuple2<Long, Long> vertexLabel, Tuple2<Long, Long> edge) {
            return Tuple2.of(edge.f1, vertexLabel.f1);
        }
    }

    /** The smallest offer of a vertex when it is below the vertex's current label. */
    private static final class KeepIfSmaller
            implements FlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        @Override
        public void join(Tuple2<Long, Long> offer, Tuple2<Long, Long> current, Collector<Tuple2<Long, Long>> out) {
            if (offer.f1 < current.f1) {
                out.collect(offer);
            }
        }
    }
}
