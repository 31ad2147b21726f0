package io.eddy.runtime.joins;

import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.CloseableIterator;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.process.ProcessJoinFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.runtime.operators.IntervalJoinOperator;
import io.eddy.testutils.harness.TwoInputOperatorTestHarness;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.eddy.testutils.minicluster.MiniClusterExtension.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Interval joins: exact results against a brute-force join, lateness and state clean-up. */
class IntervalJoinTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 6);

    private static final TypeInfo<Tuple2<Integer, Long>> EVENT = new TypeHint<Tuple2<Integer, Long>>() {}.getTypeInfo();

    /** Emits "key leftTs rightTs". */
    static final class Describe extends ProcessJoinFunction<Tuple2<Integer, Long>, Tuple2<Integer, Long>, String> {
        @Override
        public void processElement(Tuple2<Integer, Long> left, Tuple2<Integer, Long> right, Context ctx,
                Collector<String> out) {
            assertEquals(Math.max(left.f1, right.f1), ctx.getTimestamp());
            out.collect(left.f0 + " " + left.f1 + " " + right.f1);
        }
    }

    /** (key, ts) with ts rising by 3 per element and shuffled within a window of 200 elements. */
    private static List<Tuple2<Integer, Long>> events(Random random, int n) {
        List<Tuple2<Integer, Long>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(Tuple2.of(random.nextInt(20), i * 3L));
        }
        for (int from = 0; from < n; from += 200) {
            Collections.shuffle(events.subList(from, Math.min(n, from + 200)), random);
        }
        return events;
    }

    private static DataStream<Tuple2<Integer, Long>> withTimestamps(StreamExecutionEnvironment env,
            List<Tuple2<Integer, Long>> events) {
        return env.fromCollection(events, EVENT).assignTimestampsAndWatermarks(
                WatermarkStrategy.<Tuple2<Integer, Long>>forBoundedOutOfOrderness(Duration.ofMillis(600))
                        .withTimestampAssigner((e, ts) -> e.f1));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void joinsExactlyThePairsWithinTheInterval(int parallelism) throws Exception {
        Random random = new Random(7);
        List<Tuple2<Integer, Long>> lefts = events(random, 3000);
        List<Tuple2<Integer, Long>> rights = events(random, 3000);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(parallelism);
        env.getConfig().setAutoWatermarkInterval(1);
        DataStream<String> joined = withTimestamps(env, lefts).keyBy(e -> e.f0, Types.INT)
                .intervalJoin(withTimestamps(env, rights).keyBy(e -> e.f0, Types.INT))
                .between(Duration.ofMillis(-20), Duration.ofMillis(45))
                .process(new Describe(), Types.STRING);
        List<String> actual = new ArrayList<>();
        try (CloseableIterator<String> it = joined.executeAndCollect()) {
            it.forEachRemaining(actual::add);
        }

        List<String> expected = new ArrayList<>();
        for (Tuple2<Integer, Long> l : lefts) {
            for (Tuple2<Integer, Long> r : rights) {
                if (l.f0.equals(r.f0) && r.f1 >= l.f1 - 20 && r.f1 <= l.f1 + 45) {
                    expected.add(l.f0 + " " + l.f1 + " " + r.f1);
                }
            }
        }
        Collections.sort(expected);
        Collections.sort(actual);
        assertEquals(expected, actual);
    }

    @Test
    void lateElementsGoToTheirSideOutputAndBuffersAreCleanedUp() throws Exception {
        OutputTag<Tuple2<Integer, Long>> lateLeft = new OutputTag<>("late-left", EVENT);
        IntervalJoinOperator<Integer, Tuple2<Integer, Long>, Tuple2<Integer, Long>, String> operator =
                new IntervalJoinOperator<>(new Describe(), 0, 10, EVENT, EVENT, lateLeft, null);
        try (TwoInputOperatorTestHarness<Tuple2<Integer, Long>, Tuple2<Integer, Long>, String> h =
                TwoInputOperatorTestHarness.forKeyedOperator(operator, e -> e.f0, e -> e.f0, Types.INT)) {
            h.processElement1(Tuple2.of(1, 100L), 100);
            h.processElement2(Tuple2.of(1, 105L), 105);
            h.processElement2(Tuple2.of(1, 111L), 111); // outside [100, 110]
            h.processElement2(Tuple2.of(2, 105L), 105); // other key
            assertEquals(List.of("1 100 105"), h.getOutputValues());
            assertEquals(4, h.numberOfTimers());

            h.processWatermark(200);
            assertEquals(0, h.numberOfTimers(), "every buffered element expired");
            h.processElement1(Tuple2.of(1, 150L), 150);
            h.processElement2(Tuple2.of(1, 150L), 150); // late right, no side output: dropped
            assertEquals(List.of(Tuple2.of(1, 150L)), h.getSideOutput(lateLeft));
            h.processElement1(Tuple2.of(1, 300L), 300);
            h.processElement2(Tuple2.of(1, 300L), 300);
            assertEquals(List.of("1 100 105", "1 300 300"), h.getOutputValues(), "expired elements no longer match");
        }
    }
}
