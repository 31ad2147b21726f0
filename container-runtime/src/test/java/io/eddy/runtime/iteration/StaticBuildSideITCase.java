package io.eddy.runtime.iteration;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.DeltaIteration;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.dataset.JoinHint;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichFlatJoinFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.runtime.metrics.MetricNames;
import io.eddy.runtime.operators.batch.SmallManagedMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hash join in a step function whose build side comes from outside the iteration builds its table
 * in the first superstep and probes the same table in every later one: the results equal a plain
 * recomputation, and the join's {@value MetricNames#HASH_TABLE_BUILDS} counter, read by the join's
 * own function in each superstep, stays at one build per subtask. The jobs run in this JVM, so the
 * functions report what they read through static queues.
 */
class StaticBuildSideITCase {
    /** (superstep, builds so far) as the join function saw them, per call of open. */
    private static final ConcurrentLinkedQueue<long[]> BUILDS_SEEN = new ConcurrentLinkedQueue<>();
    /** (superstep, unmatched build records) per subtask and superstep of the outer join. */
    private static final ConcurrentLinkedQueue<long[]> UNMATCHED = new ConcurrentLinkedQueue<>();

    @TempDir
    Path spillDir;

    private ExecutionEnvironment env(String managedMemory) {
        return SmallManagedMemory.environment(managedMemory, spillDir);
    }

    /**
     * Connected components: the workset joins the static edges (both directions). Without a hint the
     * optimizer builds the edges, the static side, and the table is kept; hinted to build the workset,
     * the join builds anew each superstep. Both give the labels of a union-find, also with 16 MB of managed
     * memory for 150,000 edge records, where the kept table has partitions on disk.
     */
    @ParameterizedTest
    @CsvSource({"OPTIMIZER_CHOOSES, 3000, 2400, 32mb", "REPARTITION_HASH_FIRST, 3000, 2400, 32mb",
            "OPTIMIZER_CHOOSES, 100000, 75000, 16mb"})
    void aStaticBuildSideIsBuiltOnceAndProbedEverySuperstep(JoinHint hint, int vertices, int edgeCount, String memory)
            throws Exception {
        BUILDS_SEEN.clear();
        SplittableRandom random = new SplittableRandom(23);
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        for (int e = 0; e < edgeCount; e++) {
            edges.add(Tuple2.of((long) random.nextInt(vertices), (long) random.nextInt(vertices)));
        }
        ExecutionEnvironment env = env(memory);
        DataSet<Tuple2<Long, Long>> labels = env.generateSequence(0, vertices - 1)
                .map(v -> Tuple2.of(v, v)).returns(Types.TUPLE(Types.LONG, Types.LONG));
        DataSet<Tuple2<Long, Long>> bothWays = env.fromCollection(edges)
                .flatMap((io.eddy.api.functions.FlatMapFunction<Tuple2<Long, Long>, Tuple2<Long, Long>>) (e, out) -> {
                    out.collect(e);
                    out.collect(Tuple2.of(e.f1, e.f0));
                }).returns(Types.TUPLE(Types.LONG, Types.LONG));
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = labels.iterateDelta(labels, 1000, 0)
                .setSolutionSetUnManaged(true); // the managed memory is for the join
        DataSet<Tuple2<Long, Long>> changes = iteration.getWorkset()
                .join(bothWays, hint).where(0).equalTo(0).with(new OfferLabel()).returns(Types.TUPLE(Types.LONG, Types.LONG))
                .groupBy(0).min(1)
                .join(iteration.getSolutionSet()).where(0).equalTo(0)
                .with((FlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>>) (offer, current, out) -> {
                    if (offer.f1 < current.f1) {
                        out.collect(offer);
                    }
                }).returns(Types.TUPLE(Types.LONG, Types.LONG));
        DataSet<Tuple2<Long, Long>> result = iteration.closeWith(changes, changes);
        if (hint == JoinHint.OPTIMIZER_CHOOSES) {
            result.writeAsText(spillDir.resolve("for-the-plan").toString()); // a plan needs a sink
            assertTrue(env.getExecutionPlan().contains("HYBRID_HASH (build second)"), "the static edges are the build side");
        }
        List<Tuple2<Long, Long>> actual = new ArrayList<>(result.collect());
        actual.sort(Comparator.comparing(t -> t.f0));
        assertEquals(unionFind(vertices, edges), actual);

        long lastSuperstep = BUILDS_SEEN.stream().mapToLong(s -> s[0]).max().orElse(0);
        assertTrue(lastSuperstep >= 4, "the labels took several supersteps to settle: " + lastSuperstep);
        for (long[] seen : BUILDS_SEEN) {
            long expected = hint == JoinHint.OPTIMIZER_CHOOSES ? 1 : seen[0];
            assertEquals(expected, seen[1], "hash tables built by one subtask up to superstep " + seen[0]);
        }
    }

    /** (neighbour, label); on its first pair of a superstep it notes the builds its join has made so far. */
    private static final class OfferLabel extends RichFlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        private static final long serialVersionUID = 1L;
        private transient boolean noted;

        @Override
        public void open(OpenContext context) {
            noted = false;
        }

        @Override
        public void join(Tuple2<Long, Long> vertex, Tuple2<Long, Long> edge, Collector<Tuple2<Long, Long>> out) {
            if (!noted) {
                noted = true;
                long builds = getRuntimeContext().getMetricGroup().counter(MetricNames.HASH_TABLE_BUILDS).getCount();
                BUILDS_SEEN.add(new long[] {getIterationRuntimeContext().getSuperstepNumber(), builds});
            }
            out.collect(Tuple2.of(edge.f1, vertex.f1));
        }
    }

    /**
     * A static build side of an outer join: its records without a partner come out in every superstep,
     * also those that had one in the superstep before. The partial solution is a window of 100 keys
     * that moves one key up per superstep over 1,000 static keys, so 900 are unmatched each time.
     */
    @Test
    void aKeptOuterBuildSideReportsItsUnmatchedRecordsEverySuperstep() throws Exception {
        UNMATCHED.clear();
        ExecutionEnvironment env = env("32mb");
        DataSet<Tuple2<Long, Long>> statics = env.generateSequence(0, 999)
                .map(k -> Tuple2.of(k, 1L)).returns(Types.TUPLE(Types.LONG, Types.LONG));
        IterativeDataSet<Tuple2<Long, Long>> loop = env.generateSequence(0, 99)
                .map(k -> Tuple2.of(k, 0L)).returns(Types.TUPLE(Types.LONG, Types.LONG)).iterate(6);
        DataSet<Tuple2<Long, Long>> moved = statics.leftOuterJoin(loop, JoinHint.REPARTITION_HASH_FIRST).where(0).equalTo(0)
                .with(new MoveUp()).returns(Types.TUPLE(Types.LONG, Types.LONG));
        List<Tuple2<Long, Long>> result = new ArrayList<>(loop.closeWith(moved).collect());
        result.sort(Comparator.comparing(t -> t.f0));
        assertEquals(LongStream.range(6, 106).mapToObj(k -> Tuple2.of(k, 6L)).toList(), result);
        Map<Long, Long> unmatchedPerSuperstep = new TreeMap<>();
        UNMATCHED.forEach(u -> unmatchedPerSuperstep.merge(u[0], u[1], Long::sum));
        assertEquals(Map.of(1L, 900L, 2L, 900L, 3L, 900L, 4L, 900L, 5L, 900L, 6L, 900L), unmatchedPerSuperstep);
    }

    /** A matched key moves one up with its count increased; an unmatched static key is counted. */
    private static final class MoveUp extends RichFlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        private static final long serialVersionUID = 1L;
        private transient long unmatched;

        @Override
        public void open(OpenContext context) {
            unmatched = 0;
        }

        @Override
        public void join(Tuple2<Long, Long> fixed, Tuple2<Long, Long> window, Collector<Tuple2<Long, Long>> out) {
            if (window == null) {
                unmatched++;
            } else {
                out.collect(Tuple2.of(window.f0 + 1, window.f1 + fixed.f1));
            }
        }

        @Override
        public void close() {
            UNMATCHED.add(new long[] {getIterationRuntimeContext().getSuperstepNumber(), unmatched});
        }
    }

    private static List<Tuple2<Long, Long>> unionFind(int vertices, List<Tuple2<Long, Long>> edges) {
        long[] parent = LongStream.range(0, vertices).toArray();
        for (Tuple2<Long, Long> e : edges) {
            long a = root(parent, e.f0);
            long b = root(parent, e.f1);
            parent[(int) Math.max(a, b)] = Math.min(a, b);
        }
        List<Tuple2<Long, Long>> expected = new ArrayList<>();
        for (long v = 0; v < vertices; v++) {
            expected.add(Tuple2.of(v, root(parent, v)));
        }
        return expected;
    }

    private static long root(long[] parent, long v) {
        while (parent[(int) v] != v) {
            v = parent[(int) v];
        }
        return v;
    }
}
