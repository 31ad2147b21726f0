package io.eddy.runtime.operators.sortedinput;

import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.CloseableIterator;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.eventtime.Watermark;
import io.eddy.api.eventtime.WatermarkGenerator;
import io.eddy.api.eventtime.WatermarkOutput;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.execution.RuntimeExecutionMode;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.process.ProcessFunction;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.api.windowing.assigners.TumblingEventTimeWindows;
import io.eddy.api.windowing.functions.ProcessWindowFunction;
import io.eddy.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BATCH mode's event time before the first keyed operator, and its keys. Flink's BATCH semantics: the
 * input is known in full, so no operator sees a watermark before the end of its input (the only one
 * is the final watermark) and nothing is late, whatever the watermark strategy; in STREAMING the same
 * program sees the strategy's watermarks. Keys are grouped by their serialized bytes in BATCH mode, so
 * a key type whose equal values may serialize differently (Kryo) is refused with the fix.
 */
class BatchModeWatermarksAndKeysITCase {
    private static final TypeInfo<Tuple3<Integer, Long, Integer>> EVENT =
            new TypeHint<Tuple3<Integer, Long, Integer>>() {}.getTypeInfo();
    private static final long WINDOW = 100;

    /** (key, timestamp, value): timestamps rising by 5 ms, every seventh event 300 ms in the past. */
    private static List<Tuple3<Integer, Long, Integer>> events() {
        Random random = new Random(7);
        List<Tuple3<Integer, Long, Integer>> events = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            long ts = 1_000 + 5L * i - (i % 7 == 6 ? 300 : 0);
            events.add(Tuple3.of(random.nextInt(10), ts, 1 + random.nextInt(100)));
        }
        return events;
    }

    /** A watermark after every event, one below the largest timestamp so far: exact, with no timing in it. */
    private static final class EveryEvent implements WatermarkGenerator<Tuple3<Integer, Long, Integer>> {
        private long max = Long.MIN_VALUE;

        @Override
        public void onEvent(Tuple3<Integer, Long, Integer> event, long timestamp, WatermarkOutput output) {
            max = Math.max(max, timestamp);
            output.emitWatermark(new Watermark(max - 1));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    /** A lateness filter before any keyBy, as programs write one: drops the events behind the watermark. */
    private static final class DropLate extends ProcessFunction<Tuple3<Integer, Long, Integer>, Tuple3<Integer, Long, Integer>> {
        @Override
        public void processElement(Tuple3<Integer, Long, Integer> event, Context ctx, Collector<Tuple3<Integer, Long, Integer>> out) {
            if (ctx.timestamp() > ctx.timerService().currentWatermark()) {
                out.collect(event);
            }
        }
    }

    private static final class WindowSum extends ProcessWindowFunction<Tuple3<Integer, Long, Integer>, String, Integer, TimeWindow> {
        @Override
        public void process(Integer key, Context context, Iterable<Tuple3<Integer, Long, Integer>> events, Collector<String> out) {
            long sum = 0;
            for (Tuple3<Integer, Long, Integer> e : events) {
                sum += e.f2;
            }
            out.collect(key + "@" + context.window().getStart() + "=" + sum);
        }
    }

    private static List<String> windowSums(RuntimeExecutionMode mode) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(2);
        env.setRuntimeMode(mode);
        DataStream<String> sums = env.fromCollection(events(), EVENT)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple3<Integer, Long, Integer>>forGenerator(context -> new EveryEvent())
                        .withTimestampAssigner((e, ts) -> e.f1))
                .setParallelism(1)
                .process(new DropLate(), EVENT).setParallelism(1)
                .keyBy(e -> e.f0, Types.INT)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(WINDOW)))
                .process(new WindowSum(), Types.STRING);
        List<String> out = new ArrayList<>();
        try (CloseableIterator<String> it = sums.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        out.sort(null);
        return out;
    }

    /** The window sums of the events that {@code late} does not drop, as "key@start=sum", sorted. */
    private static List<String> expectedSums(boolean dropLate) {
        TreeMap<String, Long> sums = new TreeMap<>();
        long max = Long.MIN_VALUE;
        int dropped = 0;
        for (Tuple3<Integer, Long, Integer> e : events()) {
            boolean late = dropLate && max != Long.MIN_VALUE && e.f1 <= max - 1;
            max = Math.max(max, e.f1);
            if (late) {
                dropped++;
                continue;
            }
            sums.merge(e.f0 + "@" + (e.f1 - e.f1 % WINDOW), (long) e.f2, Long::sum);
        }
        assertTrue(!dropLate || dropped == 428, "the data has late events in STREAMING: " + dropped);
        List<String> expected = new ArrayList<>();
        sums.forEach((window, sum) -> expected.add(window + "=" + sum));
        expected.sort(null);
        return expected;
    }

    @Test
    void beforeTheFirstKeyByBatchModeSeesOnlyTheFinalWatermarkSoNothingIsLate() throws Exception {
        assertEquals(expectedSums(false), windowSums(RuntimeExecutionMode.BATCH));
    }

    @Test
    void theSameProgramInStreamingModeSeesTheStrategysWatermarks() throws Exception {
        assertEquals(expectedSums(true), windowSums(RuntimeExecutionMode.STREAMING));
    }

    /** A key class Eddy serializes with Kryo: no public no-argument constructor, so not a POJO. */
    static final class Opaque {
        private final int id;

        Opaque(int id) {
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Opaque other && other.id == id;
        }

        @Override
        public int hashCode() {
            return Objects.hash(id);
        }
    }

    private static final class ByOpaque implements KeySelector<Tuple3<Integer, Long, Integer>, Opaque> {
        @Override
        public Opaque getKey(Tuple3<Integer, Long, Integer> event) {
            return new Opaque(event.f0);
        }
    }

    @Test
    void aKeyTypeSerializedByKryoIsRefusedInBatchModeWithTheFix() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        DataStream<Tuple3<Integer, Long, Integer>> summed = env.fromCollection(events(), EVENT)
                .keyBy(new ByOpaque()).reduce((a, b) -> Tuple3.of(a.f0, a.f1, a.f2 + b.f2)).name("sum by opaque key");
        Throwable thrown = assertThrows(Exception.class, summed::executeAndCollect);
        while (!(thrown instanceof InvalidProgramException) && thrown.getCause() != null) {
            thrown = thrown.getCause();
        }
        assertEquals("Operator 'sum by opaque key' is keyed by " + Types.GENERIC(Opaque.class) + ", whose serialized "
                + "form may differ for equal keys (a generic type, serialized by Kryo, or a map). execution.runtime-mode: "
                + "BATCH groups keys by their serialized bytes, so equal keys could be processed as different ones. Key by "
                + "a type that serializes equal values alike: a number, String, enum, or a tuple, POJO or record of those "
                + "(e.g. keyBy(e -> e.getId()) or a String built from the key's fields), or run the job with "
                + "execution.runtime-mode: STREAMING.", thrown.getMessage());
    }
}
