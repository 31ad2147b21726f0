package io.eddy.runtime.windowing;

import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.CloseableIterator;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.KeyedStream;
import io.eddy.api.datastream.SingleOutputStreamOperator;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.eventtime.Watermark;
import io.eddy.api.eventtime.WatermarkGenerator;
import io.eddy.api.eventtime.WatermarkOutput;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.functions.AggregateFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.api.windowing.assigners.EventTimeSessionWindows;
import io.eddy.api.windowing.assigners.GlobalWindows;
import io.eddy.api.windowing.assigners.SlidingEventTimeWindows;
import io.eddy.api.windowing.assigners.TumblingEventTimeWindows;
import io.eddy.api.windowing.functions.ProcessWindowFunction;
import io.eddy.api.windowing.triggers.Trigger;
import io.eddy.api.windowing.triggers.TriggerResult;
import io.eddy.api.windowing.windows.GlobalWindow;
import io.eddy.api.windowing.windows.TimeWindow;
import io.eddy.runtime.minicluster.LocalExecutorFactory;
import io.eddy.runtime.minicluster.MiniCluster;
import io.eddy.runtime.minicluster.MiniClusterOptions;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Windows on a shared embedded cluster against results computed here by brute force. Input:
 * (key, timestamp, value) events, shuffled up to {@link #DISORDER} ms, with every 97th event
 * {@link #LATE_BY} ms behind and every 89th a third of that. The source emits a watermark after each event and feeds the window
 * operator directly (one channel per window subtask), so which events are late is deterministic.
 */
class WindowITCase {
    private static final long DISORDER = 300;
    private static final long LATE_BY = 3000;
    private static final TypeInfo<Tuple3<Integer, Long, Integer>> EVENT =
            new TypeHint<Tuple3<Integer, Long, Integer>>() {}.getTypeInfo();
    private static final OutputTag<Tuple3<Integer, Long, Integer>> LATE = new OutputTag<>("late", EVENT);

    private static MiniCluster cluster;
    private static final List<Tuple3<Integer, Long, Integer>> EVENTS = events(12_000, 7);

    @BeforeAll
    static void startCluster() {
        Configuration config = new Configuration();
        config.set(MiniClusterOptions.NUM_TASK_MANAGERS, 2);
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 4);
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
            long ts = DISORDER + i * 3L - random.nextInt((int) DISORDER + 1) - (i % 97 == 96 ? LATE_BY : i % 89 == 88 ? LATE_BY / 3 : 0);
            events.add(Tuple3.of(random.nextInt(5), ts, 1 + random.nextInt(100)));
        }
        return events;
    }

    /** The watermark after each event: the largest timestamp so far minus the disorder. */
    static final class PerEventWatermarks implements WatermarkGenerator<Tuple3<Integer, Long, Integer>> {
        private long max = Long.MIN_VALUE + DISORDER + 1;

        @Override
        public void onEvent(Tuple3<Integer, Long, Integer> event, long timestamp, WatermarkOutput output) {
            max = Math.max(max, timestamp);
            output.emitWatermark(new Watermark(max - DISORDER - 1));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    private static KeyedStream<Tuple3<Integer, Long, Integer>, Integer> keyedEvents(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(parallelism);
        return env.fromCollection(EVENTS, EVENT)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple3<Integer, Long, Integer>>forGenerator(
                        ctx -> new PerEventWatermarks()).withTimestampAssigner((e, ts) -> e.f1))
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

    private static List<String> sorted(List<String> results) {
        List<String> copy = new ArrayList<>(results);
        Collections.sort(copy);
        return copy;
    }

    // ------------------------------------------------------------------ the model

    /** A result: key, window [start, end), sum and count of its values. */
    static String result(int key, long start, long end, long sum, long count) {
        return key + "@[" + start + "," + end + ")=" + sum + "/" + count;
    }

    /**
     * Event-time windows with the default trigger, replayed event by event: a window fires when the
     * watermark passes its end and again for every late element within {@code lateness}; an event
     * none of whose windows is alive any more is dropped into {@code dropped}.
     */
    static List<String> expectedTimeWindows(LongFunction<List<long[]>> windowsOf, long lateness,
            List<Tuple3<Integer, Long, Integer>> dropped) {
        List<String> results = new ArrayList<>();
        Map<String, long[]> open = new TreeMap<>(); // "key/start/end" -> {key, start, end, sum, count, fired}
        long watermark = Long.MIN_VALUE;
        long max = Long.MIN_VALUE + DISORDER + 1;
        for (Tuple3<Integer, Long, Integer> e : EVENTS) {
            boolean accepted = false;
            for (long[] w : windowsOf.apply(e.f1)) {
                if (w[1] - 1 + lateness <= watermark) {
                    continue;
                }
                accepted = true;
                long[] state = open.computeIfAbsent(e.f0 + "/" + w[0] + "/" + w[1],
                        k -> new long[] {e.f0, w[0], w[1], 0, 0, 0});
                state[3] += e.f2;
                state[4]++;
                if (w[1] - 1 <= watermark) {
                    results.add(result((int) state[0], state[1], state[2], state[3], state[4]));
                    state[5] = 1;
                }
            }
            if (!accepted) {
                dropped.add(e);
            }
            max = Math.max(max, e.f1);
            watermark = Math.max(watermark, max - DISORDER - 1);
            for (var it = open.values().iterator(); it.hasNext(); ) {
                long[] s = it.next();
                if (s[5] == 0 && s[2] - 1 <= watermark) {
                    results.add(result((int) s[0], s[1], s[2], s[3], s[4]));
                    s[5] = 1;
                }
                if (s[2] - 1 + lateness <= watermark) {
                    it.remove();
                }
            }
        }
        for (long[] s : open.values()) {
            if (s[5] == 0) {
                results.add(result((int) s[0], s[1], s[2], s[3], s[4]));
            }
        }
        return sorted(results);
    }

    static LongFunction<List<long[]>> tumbling(long size) {
        return ts -> {
            long start = Math.floorDiv(ts, size) * size;
            return List.of(new long[] {start, start + size});
        };
    }

    static LongFunction<List<long[]>> sliding(long size, long slide) {
        return ts -> {
            List<long[]> windows = new ArrayList<>();
            for (long start = Math.floorDiv(ts, slide) * slide; start > ts - size; start -= slide) {
                windows.add(new long[] {start, start + size});
            }
            return windows;
        };
    }

    // ------------------------------------------------------------------ functions under test

    /** Emits the window's sum and count from all its elements. */
    static final class SumAndCount extends ProcessWindowFunction<Tuple3<Integer, Long, Integer>, String, Integer, TimeWindow> {
        @Override
        public void process(Integer key, Context context, Iterable<Tuple3<Integer, Long, Integer>> elements,
                Collector<String> out) {
            long sum = 0;
            long count = 0;
            for (Tuple3<Integer, Long, Integer> e : elements) {
                sum += e.f2;
                count++;
            }
            assertTrue(context.currentWatermark() >= context.window().maxTimestamp());
            out.collect(result(key, context.window().start(), context.window().end(), sum, count));
        }
    }

    /** Accumulates (sum, count). */
    static final class SumCountAggregate implements AggregateFunction<Tuple3<Integer, Long, Integer>, long[], Tuple2<Long, Long>> {
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
        public Tuple2<Long, Long> getResult(long[] acc) {
            return Tuple2.of(acc[0], acc[1]);
        }

        @Override
        public long[] merge(long[] a, long[] b) {
            return new long[] {a[0] + b[0], a[1] + b[1]};
        }
    }

    /** Formats an incremental (sum, count) with the key and window. */
    static final class FormatSumCount extends ProcessWindowFunction<Tuple2<Long, Long>, String, Integer, TimeWindow> {
        @Override
        public void process(Integer key, Context context, Iterable<Tuple2<Long, Long>> elements, Collector<String> out) {
            Tuple2<Long, Long> only = elements.iterator().next();
            out.collect(result(key, context.window().start(), context.window().end(), only.f0, only.f1));
        }
    }

    /** Formats an incremental sum (count in f1, summed like the values) with the key and window. */
    static final class FormatReduced
            extends ProcessWindowFunction<Tuple3<Integer, Long, Integer>, String, Integer, TimeWindow> {
        @Override
        public void process(Integer key, Context context, Iterable<Tuple3<Integer, Long, Integer>> elements,
                Collector<String> out) {
            Tuple3<Integer, Long, Integer> only = elements.iterator().next();
            out.collect(result(key, context.window().start(), context.window().end(), only.f2, only.f1));
        }
    }

    // ------------------------------------------------------------------ tests

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void tumblingWindowsWithProcessFunction(int parallelism) throws Exception {
        List<String> actual = collect(keyedEvents(parallelism)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(1000)))
                .process(new SumAndCount()));
        assertEquals(expectedTimeWindows(tumbling(1000), 0, new ArrayList<>()), sorted(actual));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void tumblingWindowsWithIncrementalReduceAndLateSideOutput(int parallelism) throws Exception {
        SingleOutputStreamOperator<Tuple3<Integer, Long, Integer>> sums = keyedEvents(parallelism)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(700)))
                .sideOutputLateData(LATE)
                .reduce((a, b) -> Tuple3.of(a.f0, Math.min(a.f1, b.f1), a.f2 + b.f2));
        List<String> actual = collect(sums.map(r -> r.f0 + "=" + r.f2, Types.STRING));
        List<Tuple3<Integer, Long, Integer>> dropped = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String r : expectedTimeWindows(tumbling(700), 0, dropped)) {
            expected.add(r.substring(0, r.indexOf('@')) + "=" + r.substring(r.indexOf('=') + 1, r.indexOf('/')));
        }
        assertEquals(sorted(expected), sorted(actual));
        assertTrue(dropped.size() > 50, "the input must have late events");
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void lateSideOutputHoldsExactlyTheDroppedEvents(int parallelism) throws Exception {
        SingleOutputStreamOperator<String> results = keyedEvents(parallelism)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(700)))
                .sideOutputLateData(LATE)
                .process(new SumAndCount());
        List<String> late = collect(results.getSideOutput(LATE).map(e -> e.toString(), Types.STRING));
        List<Tuple3<Integer, Long, Integer>> dropped = new ArrayList<>();
        expectedTimeWindows(tumbling(700), 0, dropped);
        assertEquals(sorted(dropped.stream().map(Object::toString).toList()), sorted(late));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void slidingWindowsWithIncrementalAggregateAndProcessFunction(int parallelism) throws Exception {
        List<String> actual = collect(keyedEvents(parallelism)
                .window(SlidingEventTimeWindows.of(Duration.ofMillis(1000), Duration.ofMillis(250)))
                .aggregate(new SumCountAggregate(), new FormatSumCount()));
        assertEquals(expectedTimeWindows(sliding(1000, 250), 0, new ArrayList<>()), sorted(actual));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void slidingWindowsWithAggregate(int parallelism) throws Exception {
        List<String> actual = collect(keyedEvents(parallelism)
                .window(SlidingEventTimeWindows.of(Duration.ofMillis(600), Duration.ofMillis(200)))
                .aggregate(new SumCountAggregate())
                .map(t -> t.f0 + "/" + t.f1, Types.STRING));
        List<String> expected = new ArrayList<>();
        for (String r : expectedTimeWindows(sliding(600, 200), 0, new ArrayList<>())) {
            expected.add(r.substring(r.indexOf('=') + 1));
        }
        assertEquals(sorted(expected), sorted(actual));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void slidingWindowsWithReduceAndProcessFunction(int parallelism) throws Exception {
        List<String> actual = collect(keyedEvents(parallelism)
                .map(e -> Tuple3.of(e.f0, 1L, e.f2), EVENT)
                .setParallelism(1) // chained to the source, so that lateness stays deterministic
                .keyBy(e -> e.f0, Types.INT)
                .window(SlidingEventTimeWindows.of(Duration.ofMillis(900), Duration.ofMillis(300)))
                .reduce((a, b) -> Tuple3.of(a.f0, a.f1 + b.f1, a.f2 + b.f2), new FormatReduced()));
        assertEquals(expectedTimeWindows(sliding(900, 300), 0, new ArrayList<>()), sorted(actual));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void allowedLatenessFiresUpdatedResults(int parallelism) throws Exception {
        SingleOutputStreamOperator<String> results = keyedEvents(parallelism)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(500)))
                .allowedLateness(Duration.ofMillis(2000))
                .sideOutputLateData(LATE)
                .process(new SumAndCount());
        List<Tuple3<Integer, Long, Integer>> dropped = new ArrayList<>();
        List<String> expected = expectedTimeWindows(tumbling(500), 2000, dropped);
        assertEquals(expected, sorted(collect(results)));
        assertTrue(expected.size() > new java.util.HashSet<>(expected.stream()
                .map(r -> r.substring(0, r.indexOf('='))).toList()).size(), "some windows must fire again");
        assertTrue(!dropped.isEmpty(), "some events must be later than the lateness");
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void eventTimeSessionsMatchSessionsComputedFromTheWholeInput(int parallelism) throws Exception {
        long gap = 40;
        List<String> actual = collect(keyedEvents(parallelism)
                .window(EventTimeSessionWindows.withGap(Duration.ofMillis(gap)))
                .process(new SumAndCount()));
        // late events are dropped only when their own session [ts, ts+gap) is late and merges with nothing
        List<String> expected = new ArrayList<>();
        Map<Integer, List<long[]>> sessions = new TreeMap<>(); // per key: {start, end, sum, count}
        long watermark = Long.MIN_VALUE;
        long max = Long.MIN_VALUE + DISORDER + 1;
        for (Tuple3<Integer, Long, Integer> e : EVENTS) {
            List<long[]> open = sessions.computeIfAbsent(e.f0, k -> new ArrayList<>());
            long[] merged = {e.f1, e.f1 + gap, e.f2, 1};
            boolean mergedWithOpen = false;
            for (var it = open.iterator(); it.hasNext(); ) {
                long[] s = it.next();
                if (s[0] <= merged[1] && s[1] >= merged[0]) {
                    merged = new long[] {Math.min(s[0], merged[0]), Math.max(s[1], merged[1]), s[2] + merged[2],
                            s[3] + merged[3]};
                    it.remove();
                    mergedWithOpen = true;
                }
            }
            if (mergedWithOpen || merged[1] - 1 > watermark) {
                open.add(merged);
            }
            max = Math.max(max, e.f1);
            watermark = Math.max(watermark, max - DISORDER - 1);
            for (var entry : sessions.entrySet()) {
                for (var it = entry.getValue().iterator(); it.hasNext(); ) {
                    long[] s = it.next();
                    if (s[1] - 1 <= watermark) {
                        expected.add(result(entry.getKey(), s[0], s[1], s[2], s[3]));
                        it.remove();
                    }
                }
            }
        }
        sessions.forEach((key, open) -> open.forEach(s -> expected.add(result(key, s[0], s[1], s[2], s[3]))));
        assertEquals(sorted(expected), sorted(actual));
    }

    /** Per key, the values in arrival order. */
    private static Map<Integer, List<Integer>> valuesByKey() {
        Map<Integer, List<Integer>> byKey = new TreeMap<>();
        for (Tuple3<Integer, Long, Integer> e : EVENTS) {
            byKey.computeIfAbsent(e.f0, k -> new ArrayList<>()).add(e.f2);
        }
        return byKey;
    }

    private static SingleOutputStreamOperator<String> sumsOfGlobalWindows(
            io.eddy.api.datastream.WindowedStream<Tuple3<Integer, Long, Integer>, Integer, GlobalWindow> windows) {
        return windows.process(new ProcessWindowFunction<Tuple3<Integer, Long, Integer>, String, Integer, GlobalWindow>() {
            @Override
            public void process(Integer key, Context context, Iterable<Tuple3<Integer, Long, Integer>> elements,
                    Collector<String> out) {
                long sum = 0;
                long count = 0;
                for (Tuple3<Integer, Long, Integer> e : elements) {
                    sum += e.f2;
                    count++;
                }
                out.collect(key + "=" + sum + "/" + count);
            }
        }, Types.STRING);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void tumblingCountWindows(int parallelism) throws Exception {
        List<String> actual = collect(sumsOfGlobalWindows(keyedEvents(parallelism).countWindow(7)));
        List<String> expected = new ArrayList<>();
        valuesByKey().forEach((key, values) -> {
            for (int end = 7; end <= values.size(); end += 7) {
                expected.add(key + "=" + values.subList(end - 7, end).stream().mapToLong(v -> v).sum() + "/7");
            }
        });
        assertEquals(sorted(expected), sorted(actual));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void slidingCountWindows(int parallelism) throws Exception {
        List<String> actual = collect(sumsOfGlobalWindows(keyedEvents(parallelism).countWindow(5, 2)));
        List<String> expected = new ArrayList<>();
        valuesByKey().forEach((key, values) -> {
            for (int end = 2; end <= values.size(); end += 2) {
                List<Integer> last = values.subList(Math.max(0, end - 5), end);
                expected.add(key + "=" + last.stream().mapToLong(v -> v).sum() + "/" + last.size());
            }
        });
        assertEquals(sorted(expected), sorted(actual));
    }

    /** A user-defined trigger: fires and purges at every element whose value exceeds 90. */
    static final class BigValueTrigger extends Trigger<Tuple3<Integer, Long, Integer>, GlobalWindow> {
        @Override
        public TriggerResult onElement(Tuple3<Integer, Long, Integer> element, long timestamp, GlobalWindow window,
                TriggerContext ctx) {
            return element.f2 > 90 ? TriggerResult.FIRE_AND_PURGE : TriggerResult.CONTINUE;
        }

        @Override
        public TriggerResult onProcessingTime(long time, GlobalWindow window, TriggerContext ctx) {
            return TriggerResult.CONTINUE;
        }

        @Override
        public TriggerResult onEventTime(long time, GlobalWindow window, TriggerContext ctx) {
            return TriggerResult.CONTINUE;
        }

        @Override
        public void clear(GlobalWindow window, TriggerContext ctx) {}
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void globalWindowWithACustomTrigger(int parallelism) throws Exception {
        List<String> actual = collect(sumsOfGlobalWindows(
                keyedEvents(parallelism).window(GlobalWindows.create()).trigger(new BigValueTrigger())));
        List<String> expected = new ArrayList<>();
        valuesByKey().forEach((key, values) -> {
            long sum = 0;
            long count = 0;
            for (int v : values) {
                sum += v;
                count++;
                if (v > 90) {
                    expected.add(key + "=" + sum + "/" + count);
                    sum = 0;
                    count = 0;
                }
            }
        });
        assertEquals(sorted(expected), sorted(actual));
    }
}
