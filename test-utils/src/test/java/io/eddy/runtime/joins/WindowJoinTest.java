package io.eddy.runtime.joins;

import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.JoinedStreams;
import io.eddy.api.datastream.SingleOutputStreamOperator;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.process.ProcessFunction;
import io.eddy.api.functions.rich.AbstractRichFunction;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.api.windowing.assigners.EventTimeSessionWindows;
import io.eddy.api.windowing.assigners.SlidingEventTimeWindows;
import io.eddy.api.windowing.assigners.TumblingEventTimeWindows;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.eddy.testutils.minicluster.MiniClusterExtension.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Window joins and co-groups of two streams of different types against results computed here by
 * brute force. Both inputs are shuffled within blocks of {@link #BLOCK} elements, a disorder the
 * watermarks allow for, so no element is late and every window sees all its elements.
 */
class WindowJoinTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 8);

    private static final TypeInfo<Tuple2<Integer, Long>> LEFT = new TypeHint<Tuple2<Integer, Long>>() {}.getTypeInfo();
    private static final int BLOCK = 200;
    private static final long STEP = 3;
    /** Larger than the timestamp range of one shuffled block. */
    private static final Duration OUT_OF_ORDERNESS = Duration.ofMillis(BLOCK * STEP);

    /** The second input: another type, and keys 20..24 that the first input does not have. */
    record Right(int key, long ts) {}

    private static final List<Tuple2<Integer, Long>> LEFTS = new ArrayList<>();
    private static final List<Right> RIGHTS = new ArrayList<>();

    static {
        Random random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            LEFTS.add(Tuple2.of(random.nextInt(20), i * STEP));
            RIGHTS.add(new Right(random.nextInt(25), i * STEP + 1));
        }
        shuffleWithinBlocks(LEFTS, random);
        shuffleWithinBlocks(RIGHTS, random);
    }

    private static void shuffleWithinBlocks(List<?> events, Random random) {
        for (int from = 0; from < events.size(); from += BLOCK) {
            Collections.shuffle(events.subList(from, Math.min(events.size(), from + BLOCK)), random);
        }
    }

    private static DataStream<Tuple2<Integer, Long>> lefts(StreamExecutionEnvironment env) {
        return env.fromCollection(LEFTS, LEFT).assignTimestampsAndWatermarks(
                WatermarkStrategy.<Tuple2<Integer, Long>>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
                        .withTimestampAssigner((e, ts) -> e.f1));
    }

    private static DataStream<Right> rights(StreamExecutionEnvironment env) {
        return env.fromCollection(RIGHTS, Types.of(Right.class)).assignTimestampsAndWatermarks(
                WatermarkStrategy.<Right>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
                        .withTimestampAssigner((e, ts) -> e.ts()));
    }

    private static JoinedStreams<Tuple2<Integer, Long>, Right>.Where<Integer>.EqualTo join(int parallelism) {
        StreamExecutionEnvironment env = CLUSTER.env(parallelism);
        return lefts(env).join(rights(env)).where(l -> l.f0).equalTo(Right::key);
    }

    /** Appends the result's timestamp, the end of its window minus one. */
    static final class WithTimestamp extends ProcessFunction<String, String> {
        @Override
        public void processElement(String value, Context ctx, Collector<String> out) {
            out.collect(value + " @" + ctx.timestamp());
        }
    }

    /** "key leftTs rightTs", from a rich function to show that it is opened. */
    static final class Describe extends AbstractRichFunction implements JoinFunction<Tuple2<Integer, Long>, Right, String> {
        private transient boolean opened;

        @Override
        public void open(OpenContext context) {
            opened = true;
        }

        @Override
        public String join(Tuple2<Integer, Long> left, Right right) {
            if (!opened) {
                throw new IllegalStateException("open() was not called");
            }
            return left.f0 + " " + left.f1 + " " + right.ts();
        }
    }

    /** "key [leftTs...] [rightTs...]", each side sorted. */
    static final class Group implements CoGroupFunction<Tuple2<Integer, Long>, Right, String> {
        @Override
        public void coGroup(Iterable<Tuple2<Integer, Long>> lefts, Iterable<Right> rights, Collector<String> out) {
            TreeSet<Long> l = new TreeSet<>();
            TreeSet<Long> r = new TreeSet<>();
            int key = -1;
            for (Tuple2<Integer, Long> e : lefts) {
                key = e.f0;
                l.add(e.f1);
            }
            for (Right e : rights) {
                key = e.key();
                r.add(e.ts());
            }
            out.collect(key + " " + l + " " + r);
        }
    }

    // ------------------------------------------------------------------ the model

    /** The windows of an element with the given key and timestamp, as {start, end}. */
    interface Windows {
        List<long[]> of(int key, long ts);
    }

    static Windows tumbling(long size) {
        return (key, ts) -> {
            long start = Math.floorDiv(ts, size) * size;
            return List.of(new long[] {start, start + size});
        };
    }

    static Windows sliding(long size, long slide) {
        return (key, ts) -> {
            List<long[]> windows = new ArrayList<>();
            for (long start = Math.floorDiv(ts, slide) * slide; start > ts - size; start -= slide) {
                windows.add(new long[] {start, start + size});
            }
            return windows;
        };
    }

    /**
     * Sessions per key over the timestamps of both inputs: an element opens [ts, ts + gap), and
     * windows that overlap or touch merge.
     */
    static Windows sessions(long gap) {
        Map<Integer, TreeSet<Long>> timestamps = new TreeMap<>();
        LEFTS.forEach(l -> timestamps.computeIfAbsent(l.f0, k -> new TreeSet<>()).add(l.f1));
        RIGHTS.forEach(r -> timestamps.computeIfAbsent(r.key(), k -> new TreeSet<>()).add(r.ts()));
        Map<Integer, List<long[]>> sessions = new TreeMap<>();
        timestamps.forEach((key, all) -> {
            List<long[]> list = new ArrayList<>();
            for (long ts : all) {
                long[] last = list.isEmpty() ? null : list.get(list.size() - 1);
                if (last != null && ts <= last[1]) {
                    last[1] = ts + gap;
                } else {
                    list.add(new long[] {ts, ts + gap});
                }
            }
            sessions.put(key, list);
        });
        return (key, ts) -> sessions.get(key).stream().filter(s -> s[0] <= ts && ts < s[1]).toList();
    }

    private static boolean contains(long[] window, long ts) {
        return window[0] <= ts && ts < window[1];
    }

    /** Every pair with the same key, once per window that holds both, with the window's last timestamp. */
    static List<String> expectedJoin(Windows windows) {
        List<String> expected = new ArrayList<>();
        for (Tuple2<Integer, Long> l : LEFTS) {
            for (Right r : RIGHTS) {
                if (l.f0 == r.key()) {
                    for (long[] w : windows.of(l.f0, l.f1)) {
                        if (contains(w, r.ts())) {
                            expected.add(l.f0 + " " + l.f1 + " " + r.ts() + " @" + (w[1] - 1));
                        }
                    }
                }
            }
        }
        return sorted(expected);
    }

    /** Per key and window that holds an element of either input, both sides' timestamps. */
    static List<String> expectedCoGroup(Windows windows) {
        Map<String, TreeSet<Long>[]> groups = new TreeMap<>(); // "key start end" -> {left, right}
        for (Tuple2<Integer, Long> l : LEFTS) {
            for (long[] w : windows.of(l.f0, l.f1)) {
                group(groups, l.f0, w)[0].add(l.f1);
            }
        }
        for (Right r : RIGHTS) {
            for (long[] w : windows.of(r.key(), r.ts())) {
                group(groups, r.key(), w)[1].add(r.ts());
            }
        }
        return sorted(groups.entrySet().stream().map(e -> {
            String[] keyAndWindow = e.getKey().split(" ");
            return keyAndWindow[0] + " " + e.getValue()[0] + " " + e.getValue()[1] + " @"
                    + (Long.parseLong(keyAndWindow[2]) - 1);
        }).collect(Collectors.toList()));
    }

    @SuppressWarnings("unchecked")
    private static TreeSet<Long>[] group(Map<String, TreeSet<Long>[]> groups, int key, long[] window) {
        return groups.computeIfAbsent(key + " " + window[0] + " " + window[1],
                k -> new TreeSet[] {new TreeSet<Long>(), new TreeSet<Long>()});
    }

    private static List<String> sorted(List<String> results) {
        List<String> copy = new ArrayList<>(results);
        Collections.sort(copy);
        return copy;
    }

    // ------------------------------------------------------------------ tests

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void tumblingWindowJoin(int parallelism) throws Exception {
        List<String> actual = collect(join(parallelism)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
                .apply(new Describe())
                .process(new WithTimestamp()));
        List<String> expected = expectedJoin(tumbling(100));
        assertTrue(expected.size() > 1000, "the inputs must have many matches, got " + expected.size());
        assertEquals(expected, sorted(actual));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void slidingWindowJoinWithFlatJoinFunction(int parallelism) throws Exception {
        List<String> actual = collect(join(parallelism)
                .window(SlidingEventTimeWindows.of(Duration.ofMillis(150), Duration.ofMillis(50)))
                .apply((Tuple2<Integer, Long> l, Right r, Collector<String> out) ->
                        out.collect(l.f0 + " " + l.f1 + " " + r.ts()), Types.STRING)
                .process(new WithTimestamp()));
        assertEquals(expectedJoin(sliding(150, 50)), sorted(actual));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void sessionWindowJoinMergesSessionsAcrossBothInputs(int parallelism) throws Exception {
        List<String> actual = collect(join(parallelism)
                .window(EventTimeSessionWindows.withGap(Duration.ofMillis(40)))
                .apply((l, r) -> l.f0 + " " + l.f1 + " " + r.ts())
                .process(new WithTimestamp()));
        List<String> expected = expectedJoin(sessions(40));
        // pairs further apart than the gap are in a session that grew by merging
        assertTrue(expected.stream().anyMatch(r -> {
            String[] f = r.split(" ");
            return Math.abs(Long.parseLong(f[1]) - Long.parseLong(f[2])) > 40;
        }), "some pairs must be further apart than the gap");
        assertEquals(expected, sorted(actual));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void tumblingCoGroupSeesKeysOfOneSideToo(int parallelism) throws Exception {
        StreamExecutionEnvironment env = CLUSTER.env(parallelism);
        List<String> actual = collect(lefts(env).coGroup(rights(env))
                .where(l -> l.f0, Types.INT)
                .equalTo(Right::key)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
                .apply(new Group())
                .process(new WithTimestamp()));
        List<String> expected = expectedCoGroup(tumbling(100));
        assertTrue(expected.stream().anyMatch(r -> r.contains(" [] ")), "some groups must lack the left side");
        assertEquals(expected, sorted(actual));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void sessionCoGroup(int parallelism) throws Exception {
        StreamExecutionEnvironment env = CLUSTER.env(parallelism);
        List<String> actual = collect(lefts(env).coGroup(rights(env))
                .where(l -> l.f0)
                .equalTo(Right::key)
                .window(EventTimeSessionWindows.withGap(Duration.ofMillis(40)))
                .apply(new Group())
                .process(new WithTimestamp()));
        assertEquals(expectedCoGroup(sessions(40)), sorted(actual));
    }

    @Test
    void aCoGroupLambdaGetsItsOutputTypeFromReturns() throws Exception {
        StreamExecutionEnvironment env = CLUSTER.env(1);
        SingleOutputStreamOperator<String> sizes = lefts(env).coGroup(rights(env))
                .where(l -> l.f0)
                .equalTo(Right::key)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(1000)))
                .apply((lefts, rights, out) -> out.collect("group"));
        InvalidTypesException missing = assertThrows(InvalidTypesException.class, sizes::getType);
        assertTrue(missing.getMessage().contains("returns(...)"), missing.getMessage());
        long groups = Stream.concat(LEFTS.stream().map(l -> l.f0 + "/" + l.f1 / 1000),
                RIGHTS.stream().map(r -> r.key() + "/" + r.ts() / 1000)).distinct().count();
        assertEquals(groups, collect(sizes.returns(Types.STRING)).size());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void keysOfDifferentTypesAreRejected() {
        StreamExecutionEnvironment env = CLUSTER.env(1);
        KeySelector longKey = new KeySelector<Right, Long>() {
            @Override
            public Long getKey(Right value) {
                return (long) value.key();
            }
        };
        JoinedStreams<Tuple2<Integer, Long>, Right>.Where<Integer> where =
                lefts(env).join(rights(env)).where(l -> l.f0, Types.INT);
        InvalidProgramException e = assertThrows(InvalidProgramException.class, () -> where.equalTo(longKey));
        assertTrue(e.getMessage().contains("Integer") && e.getMessage().contains("Long"), e.getMessage());
    }
}
