package io.eddy.runtime.iteration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.DeltaIteration;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.dataset.JoinHint;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.Types;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.memory.MemoryManagerOptions;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where an iteration's inputs come from: the source of its initial input (which may also feed the step
 * function), and a static input of the step function that a group reduce produces (it ends after
 * sorting, so its records come late): each must reach every superstep complete.
 */
class IterationInputsITCase {
    @TempDir
    Path spillDir;

    private ExecutionEnvironment env(int parallelism) {
        Configuration config = new Configuration();
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("16mb"));
        config.set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("16kb"));
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());
        return ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(parallelism);
    }

    /** The source and the head have the same parallelism and a forward edge, but the head runs in a task of its own. */
    @Test
    void aHeadForwardedFromTheSourceOfItsInitialInputRunsEverySuperstep() throws Exception {
        ExecutionEnvironment env = env(2);
        IterativeDataSet<Long> loop = env.generateSequence(1, 1000).iterate(7);
        DataSet<Long> result7 = loop.closeWith(loop.map((MapFunction<Long, Long>) x -> x + 1));
        result7.writeAsText(spillDir.resolve("unused").toString());
        JsonNode head = null;
        for (JsonNode node : new ObjectMapper().readTree(env.getExecutionPlan()).path("nodes")) {
            if (node.path("name").asText().equals("Bulk iteration")) {
                head = node;
            }
        }
        assertTrue(head != null && !head.path("inputs").path(0).path("chained").asBoolean(), "the head chains to nothing");
        List<Long> result = new ArrayList<>(result7.collect());
        result.sort(Comparator.naturalOrder());
        assertEquals(LongStream.rangeClosed(8, 1007).boxed().toList(), result);
    }

    /**
     * The source of the initial partial solution also feeds the step function as a static input, as in
     * ml's algorithms. Chained to the head, the source's task would finish only after the iteration, so
     * its result for the step function could not be a blocking one read before the iteration (the job
     * was refused, or hung before regions were checked); the head takes its input over a forward exchange.
     */
    @Test
    void aSourceOfTheInitialSolutionThatAlsoFeedsTheStepFunctionRuns() throws Exception {
        ExecutionEnvironment env = env(2);
        DataSet<Tuple2<Long, Long>> numbers = env.generateSequence(1, 1000)
                .map(v -> Tuple2.of(v, v)).returns(Types.TUPLE(Types.LONG, Types.LONG));
        IterativeDataSet<Tuple2<Long, Long>> loop = numbers.iterate(3);
        DataSet<Tuple2<Long, Long>> next = loop.join(numbers).where(0).equalTo(0)
                .with((io.eddy.api.functions.JoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>>)
                        (current, base) -> Tuple2.of(current.f0, current.f1 + base.f1))
                .returns(Types.TUPLE(Types.LONG, Types.LONG));
        List<Tuple2<Long, Long>> result = new ArrayList<>(loop.closeWith(next).collect());
        result.sort(Comparator.comparing(t -> t.f0));
        assertEquals(LongStream.rangeClosed(1, 1000).mapToObj(v -> Tuple2.of(v, 4 * v)).toList(), result);
    }

    /**
     * Connected components whose neighbour lists come from a groupBy().reduceGroup() outside the
     * iteration, repartitioned into the join with the workset in every superstep. The group reduce
     * emits its lists when its input ends, after the final watermark arrived: had it forwarded that
     * watermark at once, the join's channels from it would stand at the end of time ahead of the lists,
     * the first superstep could end before they came, and the labels would differ from a union-find
     * (before the fix, one run in about three did).
     */
    @RepeatedTest(5)
    void aStaticInputOfAGroupReduceReachesTheFirstSuperstepComplete() throws Exception {
        int vertices = 3000;
        SplittableRandom random = new SplittableRandom(17);
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        for (int e = 0; e < 2400; e++) {
            edges.add(Tuple2.of((long) random.nextInt(vertices), (long) random.nextInt(vertices)));
        }
        ExecutionEnvironment env = env(2);
        DataSet<Tuple2<Long, Long>> labels = env.generateSequence(0, vertices - 1)
                .map(v -> Tuple2.of(v, v)).returns(Types.TUPLE(Types.LONG, Types.LONG));
        DataSet<Tuple2<Long, long[]>> neighbourLists = env.fromCollection(edges)
                .flatMap((io.eddy.api.functions.FlatMapFunction<Tuple2<Long, Long>, Tuple2<Long, Long>>) (e, out) -> {
                    out.collect(e);
                    out.collect(Tuple2.of(e.f1, e.f0));
                }).returns(Types.TUPLE(Types.LONG, Types.LONG))
                .groupBy(0)
                .reduceGroup((GroupReduceFunction<Tuple2<Long, Long>, Tuple2<Long, long[]>>) (group, out) -> {
                    List<Long> ids = new ArrayList<>();
                    long vertex = -1;
                    for (Tuple2<Long, Long> e : group) {
                        vertex = e.f0;
                        ids.add(e.f1);
                    }
                    out.collect(Tuple2.of(vertex, ids.stream().mapToLong(Long::longValue).toArray()));
                }).returns(new TypeHint<Tuple2<Long, long[]>>() {}.getTypeInfo());

        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = labels.iterateDelta(labels, 1000, 0);
        DataSet<Tuple2<Long, Long>> changes = iteration.getWorkset()
                .join(neighbourLists, JoinHint.REPARTITION_HASH_SECOND).where(0).equalTo(0)
                .with((FlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, long[]>, Tuple2<Long, Long>>) (vertex, list, out) -> {
                    for (long neighbour : list.f1) {
                        out.collect(Tuple2.of(neighbour, vertex.f1));
                    }
                }).returns(Types.TUPLE(Types.LONG, Types.LONG))
                .groupBy(0).min(1)
                .join(iteration.getSolutionSet()).where(0).equalTo(0)
                .with((FlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>>) (offer, current, out) -> {
                    if (offer.f1 < current.f1) {
                        out.collect(offer);
                    }
                }).returns(Types.TUPLE(Types.LONG, Types.LONG));
        List<Tuple2<Long, Long>> result = new ArrayList<>(iteration.closeWith(changes, changes).collect());
        result.sort(Comparator.comparing(t -> t.f0));
        assertEquals(unionFind(vertices, edges), result);
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
