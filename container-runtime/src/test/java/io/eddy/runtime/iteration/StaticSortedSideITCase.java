package io.eddy.runtime.iteration;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.dataset.JoinHint;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichCoGroupFunction;
import io.eddy.api.functions.rich.RichFlatJoinFunction;
import io.eddy.api.functions.rich.RuntimeContext;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.runtime.metrics.MetricNames;
import io.eddy.runtime.operators.batch.SmallManagedMemory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A co-group or join in a bulk iteration's step function whose second input is static (from outside
 * the iteration) builds that side once: a sort-merge co-group or join sorts it in the first superstep
 * and merges each later superstep's partial solution, sorted anew, with the kept sorted copy; a hash
 * join keeps its table. Also when the operator has a broadcast set, which makes it wait for the set
 * before it runs. The results equal a plain recomputation of every superstep, and the operator's own
 * counters, read by its function in each superstep, show the static side built once per subtask.
 * The jobs run in this JVM, so the functions report what they read through a static queue.
 */
class StaticSortedSideITCase {
    private static final long MODULUS = 1_000_003;
    private static final int SUPERSTEPS = 6;
    /** (superstep, builds so far) as the step function saw them, per superstep and subtask. */
    private static final ConcurrentLinkedQueue<long[]> BUILDS_SEEN = new ConcurrentLinkedQueue<>();
    /** The most bytes the operator's sorts had spilled when its function ran ({@value MetricNames#SPILLED_BYTES}). */
    private static final AtomicLong SPILLED_SEEN = new AtomicLong();

    @TempDir
    Path spillDir;

    enum Kind { COGROUP, SORT_MERGE_JOIN, HASH_JOIN }

    /**
     * The partial solution holds (k, v) for keys 0..loopKeys-1; the static side holds 1 to 4 weights
     * per key for keys 0..staticKeys-1 (more keys than the loop has). Each superstep, v becomes the
     * sum over k's weights w of (v * factor + w) mod M, factor being the broadcast set's value (1
     * without it). With 2 MB of managed memory the sorted static side does not fit and is merged
     * again from its spilled runs every superstep. With 8 MB the operator's half for the static side
     * is 32 pages (512 KB), and 8,000 static keys (10,000 records of 18 bytes per subtask, with their
     * sort index about 420 KB) fit it: more than a quarter of the operator's budget, nothing spills.
     */
    @ParameterizedTest(name = "{0}, broadcast set {1}, {2} managed, {3} static keys, spills {4}")
    @CsvSource({
        "COGROUP, false, 32mb, 3000, false",
        "COGROUP, true, 32mb, 3000, false",
        "SORT_MERGE_JOIN, false, 32mb, 3000, false",
        "SORT_MERGE_JOIN, true, 32mb, 3000, false",
        "HASH_JOIN, true, 32mb, 3000, false",
        "COGROUP, false, 8mb, 8000, false",
        "COGROUP, true, 2mb, 40000, true",
        "SORT_MERGE_JOIN, false, 2mb, 40000, true",
    })
    void theStaticSideIsBuiltOnceAlsoBehindABroadcastSet(Kind kind, boolean broadcastSet, String memory, int staticKeys,
            boolean spills) throws Exception {
        BUILDS_SEEN.clear();
        SPILLED_SEEN.set(0);
        int loopKeys = staticKeys * 2 / 3;
        List<Tuple2<Long, Long>> weights = new ArrayList<>();
        for (long k = 0; k < staticKeys; k++) {
            for (long j = 0; j <= k % 4; j++) {
                weights.add(Tuple2.of(k, (k * 7919 + j * 104_729) % MODULUS));
            }
        }
        long factor = broadcastSet ? 3 : 1;

        ExecutionEnvironment env = env(memory);
        DataSet<Tuple2<Long, Long>> statics = env.fromCollection(weights);
        IterativeDataSet<Tuple2<Long, Long>> loop = env.generateSequence(0, loopKeys - 1)
                .map(k -> Tuple2.of(k, k)).returns(Types.TUPLE(Types.LONG, Types.LONG)).iterate(SUPERSTEPS);
        DataSet<Long> factors = env.fromElements(factor);
        DataSet<Tuple2<Long, Long>> step;
        if (kind == Kind.COGROUP) {
            step = withFactor(loop.coGroup(statics).where(0).equalTo(0).with(new WeighGroup(broadcastSet)), factors, broadcastSet);
        } else {
            JoinHint hint = kind == Kind.HASH_JOIN ? JoinHint.REPARTITION_HASH_SECOND : JoinHint.REPARTITION_SORT_MERGE;
            String counter = kind == Kind.HASH_JOIN ? MetricNames.HASH_TABLE_BUILDS : MetricNames.INPUT_SORTS;
            step = withFactor(loop.join(statics, hint).where(0).equalTo(0).with(new WeighPair(counter, broadcastSet)),
                    factors, broadcastSet).groupBy(0).sum(1);
        }
        DataSet<Tuple2<Long, Long>> result = loop.closeWith(step);
        if (kind != Kind.HASH_JOIN) {
            result.writeAsText(spillDir.resolve("for-the-plan").toString()); // a plan needs a sink
            assertTrue(env.getExecutionPlan().contains("the second side is static in the iteration: sorted once"),
                    "the plan notes the kept sorted side: " + env.getExecutionPlan());
        }
        List<Tuple2<Long, Long>> actual = new ArrayList<>(result.collect());
        actual.sort(Comparator.comparing(t -> t.f0));

        long[] values = new long[loopKeys];
        for (int k = 0; k < loopKeys; k++) {
            values[k] = k;
        }
        for (int s = 0; s < SUPERSTEPS; s++) {
            long[] next = new long[loopKeys];
            for (Tuple2<Long, Long> w : weights) {
                if (w.f0 < loopKeys) {
                    next[w.f0.intValue()] += (values[w.f0.intValue()] * factor + w.f1) % MODULUS;
                }
            }
            values = next;
        }
        List<Tuple2<Long, Long>> expected = new ArrayList<>();
        for (int k = 0; k < loopKeys; k++) {
            expected.add(Tuple2.of((long) k, values[k]));
        }
        assertEquals(expected, actual);

        assertEquals(spills, SPILLED_SEEN.get() > 0, "bytes the sorts spilled: " + SPILLED_SEEN.get());
        assertEquals(SUPERSTEPS * 2, BUILDS_SEEN.size(), "each of the 2 subtasks reports once per superstep");
        for (long[] seen : BUILDS_SEEN) {
            // a sort-merge operator sorts the partial solution every superstep and the static side once
            long expectedBuilds = kind == Kind.HASH_JOIN ? 1 : seen[0] + 1;
            assertEquals(expectedBuilds, seen[1], kind + " builds by one subtask up to superstep " + seen[0]);
        }
    }

    private static DataSet<Tuple2<Long, Long>> withFactor(DataSet<Tuple2<Long, Long>> step, DataSet<Long> factors,
            boolean broadcastSet) {
        return broadcastSet ? step.withBroadcastSet(factors, "factor") : step;
    }

    private ExecutionEnvironment env(String managedMemory) {
        return SmallManagedMemory.environment(managedMemory, spillDir);
    }

    /** The broadcast factor, 1 when the operator has no broadcast set. */
    private static long factor(RuntimeContext context, boolean broadcastSet) {
        return broadcastSet ? context.<Long>getBroadcastVariable("factor").get(0) : 1;
    }

    /** Notes the builds the operator made so far, once per superstep and subtask. */
    private static void noteBuilds(RuntimeContext context, int superstep, String counter) {
        BUILDS_SEEN.add(new long[] {superstep, context.getMetricGroup().counter(counter).getCount()});
        SPILLED_SEEN.accumulateAndGet(context.getMetricGroup().counter(MetricNames.SPILLED_BYTES).getCount(), Math::max);
    }

    private static final class WeighGroup extends RichCoGroupFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        private final boolean broadcastSet;
        private transient long factor;
        private transient boolean noted;

        WeighGroup(boolean broadcastSet) {
            this.broadcastSet = broadcastSet;
        }

        @Override
        public void open(OpenContext context) {
            factor = factor(getRuntimeContext(), broadcastSet);
            noted = false;
        }

        @Override
        public void coGroup(Iterable<Tuple2<Long, Long>> partial, Iterable<Tuple2<Long, Long>> weights,
                Collector<Tuple2<Long, Long>> out) {
            if (!noted) {
                noted = true;
                noteBuilds(getRuntimeContext(), getIterationRuntimeContext().getSuperstepNumber(), MetricNames.INPUT_SORTS);
            }
            List<Long> ws = new ArrayList<>();
            weights.forEach(w -> ws.add(w.f1));
            for (Tuple2<Long, Long> kv : partial) {
                long sum = 0;
                for (long w : ws) {
                    sum += (kv.f1 * factor + w) % MODULUS;
                }
                out.collect(Tuple2.of(kv.f0, sum));
            }
        }
    }

    private static final class WeighPair extends RichFlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        private final String counter;
        private final boolean broadcastSet;
        private transient long factor;
        private transient boolean noted;

        WeighPair(String counter, boolean broadcastSet) {
            this.counter = counter;
            this.broadcastSet = broadcastSet;
        }

        @Override
        public void open(OpenContext context) {
            factor = factor(getRuntimeContext(), broadcastSet);
            noted = false;
        }

        @Override
        public void join(Tuple2<Long, Long> kv, Tuple2<Long, Long> weight, Collector<Tuple2<Long, Long>> out) {
            if (!noted) {
                noted = true;
                noteBuilds(getRuntimeContext(), getIterationRuntimeContext().getSuperstepNumber(), counter);
            }
            out.collect(Tuple2.of(kv.f0, (kv.f1 * factor + weight.f1) % MODULUS));
        }
    }
}
