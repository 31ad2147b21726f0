package io.eddy.runtime.iteration;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.DeltaIteration;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.rich.RichCoGroupFunction;
import io.eddy.api.functions.rich.RuntimeContext;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.memory.MemoryManagerOptions;
import io.eddy.runtime.metrics.MetricNames;
import io.eddy.runtime.minicluster.LocalExecutorFactory;
import io.eddy.runtime.minicluster.MiniCluster;
import io.eddy.runtime.minicluster.MiniClusterOptions;
import io.eddy.runtime.taskmanager.TaskManager;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A delta iteration whose step function co-groups the workset with the solution set holds the
 * superstep's workset in the co-group's managed memory, sorted, spilling runs when it is larger: with
 * 2 MB of managed memory a superstep's 40,000 records of about 80 bytes spill ({@value MetricNames#SPILLED_BYTES}
 * above 0), with 64 MB they do not, and the results equal a plain-Java recomputation either way. After
 * the job every page is back with its TaskManager and the spill directory is empty. The cluster runs in
 * this JVM, so the function reports the spilled bytes it saw through a static field.
 */
class SolutionSetCoGroupMemoryITCase {
    private static final int KEYS = 4_000;
    private static final int MESSAGES_PER_KEY = 10;
    private static final int SUPERSTEPS = 4;
    private static final long MODULUS = 1_000_003;
    /** Pads a message's number to about 70 characters, so the workset is several MB. */
    private static final String PAD = "#".repeat(64);
    private static final AtomicLong SPILLED_SEEN = new AtomicLong();

    @TempDir
    Path spillDir;
    private MiniCluster cluster;

    @AfterEach
    void stopCluster() {
        LocalExecutorFactory.useSharedCluster(null);
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "{0} managed, solution set first {1}, keyed by selector {2}")
    @CsvSource({
        "2mb, true, false",
        "2mb, false, false",
        "2mb, false, true",
        "64mb, true, false",
    })
    void theWorksetIsSortedInManagedMemoryAndSpillsBeyondIt(String managed, boolean solutionSetFirst, boolean bySelector)
            throws Exception {
        startCluster(managed);
        SPILLED_SEEN.set(0);
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
        DataSet<Tuple2<Long, Long>> initial = env.generateSequence(0, KEYS - 1)
                .map(k -> Tuple2.of(k, k)).returns(Types.TUPLE(Types.LONG, Types.LONG));
        DataSet<Tuple2<Long, String>> messages = initial.flatMap(new Messages());
        DataSet<Tuple2<Long, Long>> delta;
        if (bySelector) {
            DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, String>> iteration =
                    initial.iterateDelta(messages, SUPERSTEPS, new SolutionKey());
            delta = iteration.getWorkset().coGroup(iteration.getSolutionSet()).where(new MessageKey())
                    .equalTo(new SolutionKey()).with(new UpdateFromMessages());
            assertResults(iteration.closeWith(delta, delta.flatMap(new Messages())).collect());
        } else {
            DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, String>> iteration = initial.iterateDelta(messages, SUPERSTEPS, 0);
            delta = solutionSetFirst
                    ? iteration.getSolutionSet().coGroup(iteration.getWorkset()).where(0).equalTo(0).with(new UpdateFromSolution())
                    : iteration.getWorkset().coGroup(iteration.getSolutionSet()).where(0).equalTo(0).with(new UpdateFromMessages());
            assertResults(iteration.closeWith(delta, delta.flatMap(new Messages())).collect());
        }
        if (managed.equals("2mb")) {
            assertTrue(SPILLED_SEEN.get() > 0, "the workset spilled at 2 MB");
        } else {
            assertEquals(0, SPILLED_SEEN.get(), "the workset fits into 64 MB");
        }
        assertNothingHeld();
    }

    private static void assertResults(List<Tuple2<Long, Long>> result) {
        List<Tuple2<Long, Long>> actual = new ArrayList<>(result);
        actual.sort(Comparator.comparing(t -> t.f0));
        List<Tuple2<Long, Long>> expected = new ArrayList<>();
        for (long k = 0; k < KEYS; k++) {
            long v = k;
            for (int s = 0; s < SUPERSTEPS; s++) {
                long sum = 0;
                for (int j = 0; j < MESSAGES_PER_KEY; j++) {
                    sum += (v + j) % MODULUS;
                }
                v = (v * 3 + sum) % MODULUS;
            }
            expected.add(Tuple2.of(k, v));
        }
        assertEquals(expected, actual);
    }

    private void startCluster(String managed) {
        Configuration config = new Configuration();
        config.set(MiniClusterOptions.NUM_TASK_MANAGERS, 1);
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse(managed));
        config.set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("8kb"));
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());
        cluster = new MiniCluster(config);
        LocalExecutorFactory.useSharedCluster(cluster);
    }

    private void assertNothingHeld() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!cluster.getTaskManagers().stream().allMatch(tm -> tm.getMemoryManager().isIdle())
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        for (TaskManager tm : cluster.getTaskManagers()) {
            assertTrue(tm.getMemoryManager().isIdle(), tm.getId() + " still lends managed memory");
        }
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.walk(spillDir)) {
                if (files.noneMatch(Files::isRegularFile)) {
                    break;
                }
            }
            Thread.sleep(10);
        }
        try (Stream<Path> files = Files.walk(spillDir)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
    }

    /** {@value #MESSAGES_PER_KEY} messages (k, "(v + j) mod M" padded) to key k of value v. */
    private static final class Messages implements FlatMapFunction<Tuple2<Long, Long>, Tuple2<Long, String>> {
        @Override
        public void flatMap(Tuple2<Long, Long> kv, Collector<Tuple2<Long, String>> out) {
            for (int j = 0; j < MESSAGES_PER_KEY; j++) {
                out.collect(Tuple2.of(kv.f0, (kv.f1 + j) % MODULUS + PAD));
            }
        }
    }

    /** v becomes (3 v + the sum of its messages) mod M; notes the co-group's spilled bytes so far. */
    private static void update(RuntimeContext context, Iterable<Tuple2<Long, String>> messages,
            Iterable<Tuple2<Long, Long>> current, Collector<Tuple2<Long, Long>> out) {
        SPILLED_SEEN.accumulateAndGet(context.getMetricGroup().counter(MetricNames.SPILLED_BYTES).getCount(), Math::max);
        long key = -1;
        long sum = 0;
        int count = 0;
        for (Tuple2<Long, String> message : messages) {
            key = message.f0;
            sum += Long.parseLong(message.f1.substring(0, message.f1.indexOf('#')));
            count++;
        }
        Tuple2<Long, Long> kv = null;
        for (Tuple2<Long, Long> c : current) {
            kv = c;
        }
        if (kv == null || count != MESSAGES_PER_KEY || key != kv.f0) {
            throw new IllegalStateException("key " + key + ": " + count + " messages, solution set record " + kv);
        }
        out.collect(Tuple2.of(kv.f0, (kv.f1 * 3 + sum) % MODULUS));
    }

    private static final class UpdateFromMessages
            extends RichCoGroupFunction<Tuple2<Long, String>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        @Override
        public void coGroup(Iterable<Tuple2<Long, String>> messages, Iterable<Tuple2<Long, Long>> current,
                Collector<Tuple2<Long, Long>> out) {
            update(getRuntimeContext(), messages, current, out);
        }
    }

    private static final class UpdateFromSolution
            extends RichCoGroupFunction<Tuple2<Long, Long>, Tuple2<Long, String>, Tuple2<Long, Long>> {
        @Override
        public void coGroup(Iterable<Tuple2<Long, Long>> current, Iterable<Tuple2<Long, String>> messages,
                Collector<Tuple2<Long, Long>> out) {
            update(getRuntimeContext(), messages, current, out);
        }
    }

    private static final class SolutionKey implements KeySelector<Tuple2<Long, Long>, Long> {
        @Override
        public Long getKey(Tuple2<Long, Long> record) {
            return record.f0;
        }
    }

    private static final class MessageKey implements KeySelector<Tuple2<Long, String>, Long> {
        @Override
        public Long getKey(Tuple2<Long, String> record) {
            return record.f0;
        }
    }
}
