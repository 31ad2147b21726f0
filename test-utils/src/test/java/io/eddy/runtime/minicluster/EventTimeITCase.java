package io.eddy.runtime.minicluster;

import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.SingleOutputStreamOperator;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.TimeDomain;
import io.eddy.api.functions.process.KeyedProcessFunction;
import io.eddy.api.functions.process.ProcessFunction;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.Types;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.eddy.testutils.minicluster.MiniClusterExtension.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event time, watermarks, timers and side outputs on a shared embedded cluster, with exact results. */
class EventTimeITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 4);

    private static StreamExecutionEnvironment env(int parallelism) {
        StreamExecutionEnvironment env = CLUSTER.env(parallelism);
        env.getConfig().setAutoWatermarkInterval(5);
        return env;
    }

    static final long MAX_DISORDER = 500;
    static final long BUCKET = 1000;

    /** (key, timestamp) events in arrival order: timestamps rise by 5 per event, each shifted back up to MAX_DISORDER. */
    static List<Tuple2<Integer, Long>> outOfOrderEvents(int n, long seed) {
        Random random = new Random(seed);
        List<Tuple2<Integer, Long>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long ts = MAX_DISORDER + i * 5L - random.nextInt((int) MAX_DISORDER + 1);
            events.add(Tuple2.of(random.nextInt(7), ts));
        }
        return events;
    }

    /** Counts the events of each key per 1 s bucket and emits (key, bucket end, count) from an event-time timer. */
    static final class BucketCounter extends KeyedProcessFunction<Integer, Tuple2<Integer, Long>, Tuple3<Integer, Long, Integer>> {
        private transient ValueState<TreeMap<Long, Integer>> counts;

        @Override
        public void open(OpenContext context) {
            counts = getRuntimeContext().getState(new ValueStateDescriptor<>("counts",
                    new TypeHint<TreeMap<Long, Integer>>() {}.getTypeInfo()));
        }

        @Override
        public void processElement(Tuple2<Integer, Long> event, Context ctx, Collector<Tuple3<Integer, Long, Integer>> out)
                throws Exception {
            assertEquals(event.f1, ctx.timestamp());
            long end = (event.f1 / BUCKET + 1) * BUCKET - 1;
            TreeMap<Long, Integer> current = counts.value();
            if (current == null) {
                current = new TreeMap<>();
            }
            current.merge(end, 1, Integer::sum);
            counts.update(current);
            ctx.timerService().registerEventTimeTimer(end);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple3<Integer, Long, Integer>> out)
                throws Exception {
            assertEquals(TimeDomain.EVENT_TIME, ctx.timeDomain());
            assertTrue(ctx.timerService().currentWatermark() >= timestamp);
            TreeMap<Long, Integer> current = counts.value();
            out.collect(Tuple3.of(ctx.getCurrentKey(), timestamp, current.remove(timestamp)));
            counts.update(current);
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void eventTimeTimersFireOnceInOrderWithCompleteCounts(int parallelism) throws Exception {
        List<Tuple2<Integer, Long>> events = outOfOrderEvents(20_000, 42);
        StreamExecutionEnvironment env = env(parallelism);
        DataStream<Tuple3<Integer, Long, Integer>> counts = env
                .fromCollection(events, new TypeHint<Tuple2<Integer, Long>>() {}.getTypeInfo())
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple2<Integer, Long>>forBoundedOutOfOrderness(
                        Duration.ofMillis(MAX_DISORDER)).withTimestampAssigner((e, ts) -> e.f1))
                .rebalance()
                .keyBy(e -> e.f0, Types.INT)
                .process(new BucketCounter(), new TypeHint<Tuple3<Integer, Long, Integer>>() {}.getTypeInfo());
        List<Tuple3<Integer, Long, Integer>> result = collect(counts);

        Map<Integer, TreeMap<Long, Integer>> expected = new TreeMap<>();
        for (Tuple2<Integer, Long> e : events) {
            expected.computeIfAbsent(e.f0, k -> new TreeMap<>()).merge((e.f1 / BUCKET + 1) * BUCKET - 1, 1, Integer::sum);
        }
        Map<Integer, TreeMap<Long, Integer>> actual = new TreeMap<>();
        Map<Integer, Long> lastFired = new HashMap<>();
        for (Tuple3<Integer, Long, Integer> r : result) {
            Long previous = lastFired.put(r.f0, r.f1);
            assertTrue(previous == null || previous < r.f1, "timers of key " + r.f0 + " fire in time order");
            assertEquals(null, actual.computeIfAbsent(r.f0, k -> new TreeMap<>()).put(r.f1, r.f2), "fired once");
        }
        assertEquals(expected, actual);
    }

    @Test
    void sideOutputsReachTheirConsumersChainedAndOverTheNetwork() throws Exception {
        OutputTag<Long> odd = new OutputTag<>("odd") {};
        StreamExecutionEnvironment env = env(2);
        SingleOutputStreamOperator<String> evens = env.fromSequence(0, 9_999)
                .process(new ProcessFunction<Long, String>() {
                    @Override
                    public void processElement(Long value, Context ctx, Collector<String> out) {
                        if (value % 2 == 0) {
                            out.collect("even " + value);
                        } else {
                            ctx.output(odd, value);
                        }
                    }
                });
        DataStream<String> chainedSide = evens.getSideOutput(odd).map(v -> "odd " + v);
        DataStream<String> shuffledSide = evens.getSideOutput(odd).rebalance().map(v -> "again " + v).setParallelism(3);
        List<String> result = collect(evens.union(chainedSide, shuffledSide));

        List<String> expected = new ArrayList<>();
        for (long i = 0; i < 10_000; i++) {
            expected.add(i % 2 == 0 ? "even " + i : "odd " + i);
            if (i % 2 == 1) {
                expected.add("again " + i);
            }
        }
        assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(result));
        assertEquals(expected.size(), result.size());
    }

    @Test
    void lateElementsCanBeSentToASideOutputByTheFunction() throws Exception {
        OutputTag<Long> late = new OutputTag<>("late", Types.LONG);
        StreamExecutionEnvironment env = env(1);
        // timestamps 0..999, then 100 elements 1000 ms behind the watermark
        List<Long> input = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            input.add(i * 10);
        }
        for (long i = 0; i < 100; i++) {
            input.add(i);
        }
        SingleOutputStreamOperator<Long> onTime = env.fromCollection(input, Types.LONG)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forGenerator(ctx -> new PunctuatedEveryElement())
                        .withTimestampAssigner((v, ts) -> v))
                .keyBy(v -> 0, Types.INT)
                .process(new KeyedProcessFunction<Integer, Long, Long>() {
                    @Override
                    public void processElement(Long value, Context ctx, Collector<Long> out) {
                        if (ctx.timestamp() <= ctx.timerService().currentWatermark()) {
                            ctx.output(late, value);
                        } else {
                            out.collect(value);
                        }
                    }
                }, Types.LONG);
        List<Long> lateOnes = collect(onTime.getSideOutput(late));
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            expected.add(i);
        }
        assertEquals(expected, lateOnes);
    }

    /** Emits a watermark right behind every element: any element out of order is late. */
    static final class PunctuatedEveryElement implements io.eddy.api.eventtime.WatermarkGenerator<Long> {
        @Override
        public void onEvent(Long event, long eventTimestamp, io.eddy.api.eventtime.WatermarkOutput output) {
            output.emitWatermark(new io.eddy.api.eventtime.Watermark(eventTimestamp - 1));
        }

        @Override
        public void onPeriodicEmit(io.eddy.api.eventtime.WatermarkOutput output) {}
    }

}
