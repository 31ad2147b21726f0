package io.eddy.runtime.state;

import io.eddy.api.connector.sink.DiscardingSink;
import io.eddy.api.datastream.CloseableIterator;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.JobExecutionException;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichFlatMapFunction;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.state.ListState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.MapState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.eddy.testutils.minicluster.MiniClusterExtension.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rich functions using keyed state in jobs on an embedded cluster. */
class KeyedStateITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 2);

    private static StreamExecutionEnvironment env(int parallelism) {
        StreamExecutionEnvironment env = CLUSTER.env(parallelism);
        return env;
    }

    private static final int EVENTS = 2000;
    private static final int BATCH = 4;

    private static String user(long i) {
        return "u" + (i * 7 % 11);
    }

    private static long value(long i) {
        return i * i % 5;
    }

    /**
     * Per user: collects values in batches of {@value #BATCH} (list state) and counts each value
     * (map state); at the end of a batch emits its sum, the number of distinct values and the
     * highest count so far, tagged with the subtask.
     */
    static final class BatchesPerUser extends RichFlatMapFunction<Tuple2<String, Long>, Tuple2<Integer, String>> {
        private transient ListState<Long> batch;
        private transient MapState<Long, Integer> counts;

        @Override
        public void open(OpenContext context) {
            batch = getRuntimeContext().getListState(new ListStateDescriptor<>("batch", Long.class));
            counts = getRuntimeContext().getMapState(new MapStateDescriptor<>("counts", Long.class, Integer.class));
        }

        @Override
        public void flatMap(Tuple2<String, Long> event, Collector<Tuple2<Integer, String>> out) throws Exception {
            Integer count = counts.get(event.f1);
            counts.put(event.f1, count == null ? 1 : count + 1);
            batch.add(event.f1);
            List<Long> values = new ArrayList<>();
            batch.get().forEach(values::add);
            if (values.size() == BATCH) {
                batch.clear();
                int distinct = 0;
                int highest = 0;
                for (Map.Entry<Long, Integer> e : counts.entries()) {
                    distinct++;
                    highest = Math.max(highest, e.getValue());
                }
                out.collect(Tuple2.of(getRuntimeContext().getIndexOfThisSubtask(),
                        line(event.f0, values.stream().mapToLong(Long::longValue).sum(), distinct, highest)));
            }
        }
    }

    private static String line(String user, long sum, int distinct, int highest) {
        return user + " sum=" + sum + " distinct=" + distinct + " highest=" + highest;
    }

    @Test
    void listAndMapStatePerKeyGiveExactResultsAtParallelismTwo() throws Exception {
        List<String> expected = new ArrayList<>();
        Map<String, List<Long>> batches = new HashMap<>();
        Map<String, Map<Long, Integer>> counts = new HashMap<>();
        for (long i = 0; i < EVENTS; i++) {
            String user = user(i);
            counts.computeIfAbsent(user, u -> new HashMap<>()).merge(value(i), 1, Integer::sum);
            List<Long> batch = batches.computeIfAbsent(user, u -> new ArrayList<>());
            batch.add(value(i));
            if (batch.size() == BATCH) {
                Map<Long, Integer> c = counts.get(user);
                expected.add(line(user, batch.stream().mapToLong(Long::longValue).sum(), c.size(),
                        Collections.max(c.values())));
                batch.clear();
            }
        }

        StreamExecutionEnvironment env = env(2);
        List<String> actual = new ArrayList<>();
        Set<Integer> subtasks = new HashSet<>();
        // a single source and map keep each user's events in order
        try (CloseableIterator<Tuple2<Integer, String>> it = env.fromSequence(0, EVENTS - 1).setParallelism(1)
                .map(i -> Tuple2.of(user(i), value(i))).returns(Types.TUPLE(Types.STRING, Types.LONG)).setParallelism(1)
                .keyBy(t -> t.f0)
                .flatMap(new BatchesPerUser())
                .executeAndCollect()) {
            it.forEachRemaining(t -> {
                subtasks.add(t.f0);
                actual.add(t.f1);
            });
        }
        Collections.sort(expected);
        Collections.sort(actual);
        assertEquals(expected, actual);
        assertEquals(Set.of(0, 1), subtasks, "both subtasks hold keys");
    }

    /** Uses keyed state, which needs a keyed input. */
    static final class CountingMap extends RichMapFunction<Long, Long> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
        }

        @Override
        public Long map(Long value) throws Exception {
            count.update(value);
            return value;
        }
    }

    @Test
    void keyedStateOnANonKeyedStreamFailsWithAHintToKeyBy() {
        StreamExecutionEnvironment env = env(2);
        env.fromSequence(0, 10).map(new CountingMap()).name("Counting").sinkTo(new DiscardingSink<>());
        JobExecutionException e = assertThrows(JobExecutionException.class, () -> env.execute("not keyed"));
        assertTrue(e.getCause() instanceof IllegalStateException, "cause: " + e.getCause());
        assertEquals("Keyed state is only available on a keyed stream, but the input of 'Counting' is not keyed: "
                + "partition the stream with keyBy(...) first.", e.getCause().getMessage());
    }
}
