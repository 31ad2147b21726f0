package io.eddy.runtime.operators.sortedinput;

import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.CloseableIterator;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.KeyedStream;
import io.eddy.api.datastream.SingleOutputStreamOperator;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.execution.RuntimeExecutionMode;
import io.eddy.api.functions.AggregateFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.process.KeyedProcessFunction;
import io.eddy.api.functions.process.ProcessJoinFunction;
import io.eddy.api.state.MapState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.api.windowing.assigners.EventTimeSessionWindows;
import io.eddy.api.windowing.assigners.SlidingEventTimeWindows;
import io.eddy.api.windowing.assigners.TumblingEventTimeWindows;
import io.eddy.api.windowing.functions.ProcessWindowFunction;
import io.eddy.api.windowing.triggers.ContinuousEventTimeTrigger;
import io.eddy.api.windowing.windows.TimeWindow;
import io.eddy.runtime.minicluster.LocalExecutorFactory;
import io.eddy.runtime.minicluster.MiniCluster;
import io.eddy.runtime.minicluster.MiniClusterOptions;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same DataStream programs in STREAMING and in BATCH mode on one embedded cluster, each checked
 * against a plain-Java recomputation. Input: (key, timestamp, value) events, 40 keys, timestamps
 * shuffled by up to {@link #DISORDER} ms behind a watermark that trails by just as much, so no event
 * is late in STREAMING and the final results of both modes must agree exactly. STREAMING results that
 * are updated as data arrives (a running reduce, a continuous trigger) are compared by their last
 * value, which is what BATCH mode emits once.
 */
class BatchModeITCase {
    private static final long DISORDER = 40;
    private static final int KEYS = 40;
    private static final TypeInfo<Tuple3<Integer, Long, Integer>> EVENT =
            new TypeHint<Tuple3<Integer, Long, Integer>>() {}.getTypeInfo();
    private static final List<Tuple3<Integer, Long, Integer>> EVENTS = events(30_000, 11);
    private static final List<Tuple3<Integer, Long, Integer>> OTHER_EVENTS = events(6_000, 12);

    private static MiniCluster cluster;

    @BeforeAll
    static void startCluster() {
        Configuration config = new Configuration();
        config.set(MiniClusterOptions.NUM_TASK_MANAGERS, 2);
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        cluster = new MiniCluster(config);
        LocalExecutorFactory.useSharedCluster(cluster);
    }

    @AfterAll
    static void stopCluster() {
        LocalExecutorFactory.useSharedCluster(null);
        cluster.close();
    }

    static List<Tuple3<Integer, Long, Integer>> events(int n, long seed) {
        Random random = new Random(seed);
        List<Tuple3<Integer, Long, Integer>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long ts = DISORDER + i * 3L - random.nextInt((int) DISORDER + 1);
            events.add(Tuple3.of(random.nextInt(KEYS), ts, 1 + random.nextInt(100)));
        }
        return events;
    }

    private static StreamExecutionEnvironment env(RuntimeExecutionMode mode) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(2);
        env.setRuntimeMode(mode);
        return env;
    }

    private static KeyedStream<Tuple3<Integer, Long, Integer>, Integer> keyed(StreamExecutionEnvironment env,
            List<Tuple3<Integer, Long, Integer>> events) {
        return env.fromCollection(events, EVENT)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple3<Integer, Long, Integer>>forBoundedOutOfOrderness(
                        Duration.ofMillis(DISORDER)).withTimestampAssigner((e, ts) -> e.f1))
                .setParallelism(1)
                .keyBy(e -> e.f0, Types.INT);
    }

    private static <T> List<T> collect(DataStream<T> stream) throws Exception {
        List<T> out = new ArrayList<>();
        try (CloseableIterator<T> it = stream.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    // ---------------------------------------------------------------- keyed reduce

    @Test
    void keyedReduceGivesTheFinalSumPerKeyInBothModes() throws Exception {
        Map<Integer, Integer> expected = new TreeMap<>();
        EVENTS.forEach(e -> expected.merge(e.f0, e.f2, Integer::sum));

        // STREAMING emits every running sum; values are positive, so a key's largest is its final one
        List<Tuple3<Integer, Long, Integer>> streaming = collect(keyed(env(RuntimeExecutionMode.STREAMING), EVENTS).sum(2));
        assertEquals(EVENTS.size(), streaming.size());
        Map<Integer, Integer> lastStreaming = new TreeMap<>();
        streaming.forEach(r -> lastStreaming.merge(r.f0, r.f2, Math::max));
        assertEquals(expected, lastStreaming);

        // BATCH emits each key's result once
        List<Tuple3<Integer, Long, Integer>> batch = collect(keyed(env(RuntimeExecutionMode.BATCH), EVENTS).sum(2));
        Map<Integer, Integer> once = new TreeMap<>();
        batch.forEach(r -> assertEquals(null, once.put(r.f0, r.f2), "key " + r.f0 + " emitted twice"));
        assertEquals(expected, once);
    }

    // ---------------------------------------------------------------- windows

    /** key@[start,end)=sum/count of a window's values. */
    static String window(int key, long start, long end, long sum, long count) {
        return key + "@[" + start + "," + end + ")=" + sum + "/" + count;
    }

    /** Sums and counts values; the accumulator is {sum, count}. */
    static final class SumCount implements AggregateFunction<Tuple3<Integer, Long, Integer>, long[], long[]> {
        @Override
        public long[] createAccumulator() {
            return new long[2];
        }

        @Override
        public long[] add(Tuple3<Integer, Long, Integer> value, long[] acc) {
            acc[0] += value.f2;
            acc[1]++;
            return acc;
        }

        @Override
        public long[] getResult(long[] acc) {
            return acc;
        }

        @Override
        public long[] merge(long[] a, long[] b) {
            return new long[] {a[0] + b[0], a[1] + b[1]};
        }
    }

    static final class Describe extends ProcessWindowFunction<long[], String, Integer, TimeWindow> {
        @Override
        public void process(Integer key, Context context, Iterable<long[]> sums, Collector<String> out) {
            long[] acc = sums.iterator().next();
            out.collect(window(key, context.window().getStart(), context.window().getEnd(), acc[0], acc[1]));
        }
    }

    private static List<String> windows(RuntimeExecutionMode mode, WindowProgram program) throws Exception {
        return collect(program.apply(keyed(env(mode), EVENTS)));
    }

    interface WindowProgram {
        DataStream<String> apply(KeyedStream<Tuple3<Integer, Long, Integer>, Integer> events);
    }

    /** Windows [start, start + size) every {@code slide} ms over the events, by key. */
    private static TreeSet<String> expectedWindows(long size, long slide) {
        Map<String, long[]> sums = new TreeMap<>();
        for (Tuple3<Integer, Long, Integer> e : EVENTS) {
            long last = e.f1 - Math.floorMod(e.f1, slide);
            for (long start = last; start > e.f1 - size; start -= slide) {
                long[] acc = sums.computeIfAbsent(e.f0 + "@" + start, k -> new long[3]);
                acc[0] = start;
                acc[1] += e.f2;
                acc[2]++;
            }
        }
        TreeSet<String> expected = new TreeSet<>();
        sums.forEach((k, acc) -> expected.add(window(Integer.parseInt(k.substring(0, k.indexOf('@'))), acc[0],
                acc[0] + size, acc[1], acc[2])));
        return expected;
    }

    @Test
    void tumblingAndSlidingWindowsAgreeWithTheRecomputation() throws Exception {
        WindowProgram tumbling = events -> events.window(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
                .aggregate(new SumCount(), new Describe());
        WindowProgram sliding = events -> events.window(SlidingEventTimeWindows.of(Duration.ofMillis(200), Duration.ofMillis(50)))
                .aggregate(new SumCount(), new Describe());
        for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
            List<String> t = windows(mode, tumbling);
            assertSameSets(expectedWindows(100, 100), new TreeSet<>(t), mode + " tumbling");
            assertEquals(t.size(), new TreeSet<>(t).size(), mode + " fired a tumbling window twice");
            List<String> s = windows(mode, sliding);
            assertSameSets(expectedWindows(200, 50), new TreeSet<>(s), mode + " sliding");
            assertEquals(s.size(), new TreeSet<>(s).size(), mode + " fired a sliding window twice");
        }
    }

    /** Session windows with a gap of {@code gap} ms, by key: events sorted by time, split where they lie further apart. */
    private static TreeSet<String> expectedSessions(long gap) {
        Map<Integer, List<Tuple3<Integer, Long, Integer>>> byKey = new TreeMap<>();
        EVENTS.forEach(e -> byKey.computeIfAbsent(e.f0, k -> new ArrayList<>()).add(e));
        TreeSet<String> expected = new TreeSet<>();
        byKey.forEach((key, events) -> {
            events.sort((a, b) -> Long.compare(a.f1, b.f1));
            long start = events.get(0).f1;
            long end = start + gap;
            long sum = 0;
            long count = 0;
            for (Tuple3<Integer, Long, Integer> e : events) {
                if (e.f1 > end) { // windows that touch merge
                    expected.add(window(key, start, end, sum, count));
                    start = e.f1;
                    sum = 0;
                    count = 0;
                }
                end = Math.max(end, e.f1 + gap);
                sum += e.f2;
                count++;
            }
            expected.add(window(key, start, end, sum, count));
        });
        return expected;
    }

    @Test
    void sessionWindowsWithAContinuousTriggerEndWithTheSameSessions() throws Exception {
        // the trigger also fires every 50 ms of event time inside a session: those early results differ
        // between the modes (BATCH fires them all at the end of the key), the last one of each session does not
        WindowProgram sessions = events -> events.window(EventTimeSessionWindows.withGap(Duration.ofMillis(120)))
                .trigger(ContinuousEventTimeTrigger.of(Duration.ofMillis(50)))
                .aggregate(new SumCount(), new Describe());
        TreeSet<String> expected = expectedSessions(120);
        for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
            // the last firing of each window; in STREAMING a window that fired early may then merge into a larger one
            Map<String, String> last = new TreeMap<>();
            for (String firing : windows(mode, sessions)) {
                last.merge(firing.substring(0, firing.indexOf('=')), firing, (a, b) -> count(a) >= count(b) ? a : b);
            }
            // by key, start, then longest first: a window is merged away when an earlier one reaches as far
            List<String> fired = new ArrayList<>(last.values());
            fired.sort(Comparator.comparingLong((String f) -> bounds(f)[0]).thenComparingLong(f -> bounds(f)[1])
                    .thenComparing(Comparator.comparingLong((String f) -> bounds(f)[2]).reversed()));
            TreeSet<String> sessionsAtTheEnd = new TreeSet<>();
            long key = -1;
            long reach = Long.MIN_VALUE;
            for (String firing : fired) {
                long[] b = bounds(firing);
                if (b[0] != key) {
                    key = b[0];
                    reach = Long.MIN_VALUE;
                }
                if (b[2] > reach) {
                    sessionsAtTheEnd.add(firing);
                    reach = b[2];
                }
            }
            assertSameSets(expected, sessionsAtTheEnd, mode + " sessions");
        }
    }

    /** Key, start and end of a firing "key@[start,end)=sum/count". */
    private static long[] bounds(String firing) {
        int at = firing.indexOf('@');
        int comma = firing.indexOf(',', at);
        return new long[] {Long.parseLong(firing.substring(0, at)), Long.parseLong(firing.substring(at + 2, comma)),
                Long.parseLong(firing.substring(comma + 1, firing.indexOf(')', comma)))};
    }

    /** Fails with the first differences (not both sets whole) unless the sets are equal. */
    private static void assertSameSets(TreeSet<String> expected, TreeSet<String> actual, String what) {
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        TreeSet<String> unexpected = new TreeSet<>(actual);
        unexpected.removeAll(expected);
        assertTrue(missing.isEmpty() && unexpected.isEmpty(), what + ": " + missing.size() + " missing, e.g. "
                + missing.stream().limit(5).toList() + "; " + unexpected.size() + " unexpected, e.g. "
                + unexpected.stream().limit(5).toList());
    }

    private static long count(String firing) {
        return Long.parseLong(firing.substring(firing.lastIndexOf('/') + 1));
    }

    // ---------------------------------------------------------------- process functions, timers, side outputs

    private static final OutputTag<String> LARGE = new OutputTag<>("large", Types.STRING);

    /**
     * Sums the values of each key per 100 ms of event time in map state and emits a bucket's sum when
     * the event-time timer at its end fires; values above 95 also go to a side output.
     */
    static final class BucketSums extends KeyedProcessFunction<Integer, Tuple3<Integer, Long, Integer>, String> {
        private transient MapState<Long, Long> buckets;

        @Override
        public void open(io.eddy.api.functions.rich.OpenContext context) {
            buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("buckets", Types.LONG, Types.LONG));
        }

        @Override
        public void processElement(Tuple3<Integer, Long, Integer> e, Context ctx, Collector<String> out) throws Exception {
            long bucketEnd = e.f1 - Math.floorMod(e.f1, 100) + 99;
            Long sum = buckets.get(bucketEnd);
            buckets.put(bucketEnd, (sum == null ? 0 : sum) + e.f2);
            ctx.timerService().registerEventTimeTimer(bucketEnd);
            if (e.f2 > 95) {
                ctx.output(LARGE, "large " + e);
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
            out.collect(ctx.getCurrentKey() + "@" + timestamp + "=" + buckets.get(timestamp));
            buckets.remove(timestamp);
        }
    }

    private static List<String> bucketSums(RuntimeExecutionMode mode) throws Exception {
        SingleOutputStreamOperator<String> sums = keyed(env(mode), EVENTS).process(new BucketSums(), Types.STRING);
        return collect(sums.union(sums.getSideOutput(LARGE)));
    }

    @Test
    void keyedProcessFunctionWithEventTimeTimersAndSideOutputs() throws Exception {
        Map<String, Long> sums = new TreeMap<>();
        List<String> expected = new ArrayList<>();
        for (Tuple3<Integer, Long, Integer> e : EVENTS) {
            sums.merge(e.f0 + "@" + (e.f1 - Math.floorMod(e.f1, 100) + 99), (long) e.f2, Long::sum);
            if (e.f2 > 95) {
                expected.add("large " + e);
            }
        }
        sums.forEach((bucket, sum) -> expected.add(bucket + "=" + sum));
        expected.sort(null);

        for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
            List<String> actual = bucketSums(mode);
            actual.sort(null);
            assertEquals(expected, actual, mode.toString());
        }
    }

    /**
     * Counts each key's events and asks for a processing-time timer an hour ahead at its first event:
     * the clock never gets there during the job, but BATCH mode fires processing-time timers at the
     * end of their key, with the key's state still there.
     */
    static final class CountOnProcessingTimer extends KeyedProcessFunction<Integer, Tuple3<Integer, Long, Integer>, String> {
        private transient ValueState<Long> count;

        @Override
        public void open(io.eddy.api.functions.rich.OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(Tuple3<Integer, Long, Integer> e, Context ctx, Collector<String> out) throws Exception {
            if (count.value() == null) {
                ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 3_600_000);
                count.update(0L);
            }
            count.update(count.value() + 1);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
            out.collect(ctx.getCurrentKey() + " " + ctx.timeDomain() + " " + count.value());
        }
    }

    @Test
    void processingTimeTimersFireAtTheEndOfTheirKeyInBatchMode() throws Exception {
        Map<Integer, Long> counts = new TreeMap<>();
        EVENTS.forEach(e -> counts.merge(e.f0, 1L, Long::sum));
        List<String> expected = new ArrayList<>();
        counts.forEach((key, n) -> expected.add(key + " PROCESSING_TIME " + n));
        expected.sort(null);

        List<String> batch = collect(keyed(env(RuntimeExecutionMode.BATCH), EVENTS)
                .process(new CountOnProcessingTimer(), Types.STRING));
        batch.sort(null);
        assertEquals(expected, batch);
    }

    // ---------------------------------------------------------------- interval join

    @Test
    void intervalJoinFindsTheSamePairsInBothModes() throws Exception {
        TreeSet<String> expected = new TreeSet<>();
        Map<Integer, List<Tuple3<Integer, Long, Integer>>> right = new TreeMap<>();
        OTHER_EVENTS.forEach(e -> right.computeIfAbsent(e.f0, k -> new ArrayList<>()).add(e));
        for (Tuple3<Integer, Long, Integer> l : EVENTS) {
            for (Tuple3<Integer, Long, Integer> r : right.getOrDefault(l.f0, List.of())) {
                if (r.f1 >= l.f1 - 10 && r.f1 <= l.f1 + 20) {
                    expected.add(l + "~" + r);
                }
            }
        }
        assertTrue(expected.size() > 1000, "too few pairs to tell anything: " + expected.size());
        for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
            StreamExecutionEnvironment env = env(mode);
            List<String> pairs = collect(keyed(env, EVENTS).intervalJoin(keyed(env, OTHER_EVENTS))
                    .between(Duration.ofMillis(-10), Duration.ofMillis(20))
                    .process(new ProcessJoinFunction<Tuple3<Integer, Long, Integer>, Tuple3<Integer, Long, Integer>, String>() {
                        @Override
                        public void processElement(Tuple3<Integer, Long, Integer> l, Tuple3<Integer, Long, Integer> r,
                                Context ctx, Collector<String> out) {
                            out.collect(l + "~" + r);
                        }
                    }, Types.STRING));
            assertEquals(expected.size(), pairs.size(), mode + ": a pair was emitted twice or lost");
            assertSameSets(expected, new TreeSet<>(pairs), mode.toString());
        }
    }
}
