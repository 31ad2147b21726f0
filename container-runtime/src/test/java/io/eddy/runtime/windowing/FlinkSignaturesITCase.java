package io.eddy.runtime.windowing;

import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.CloseableIterator;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.eventtime.Watermark;
import io.eddy.api.eventtime.WatermarkGenerator;
import io.eddy.api.eventtime.WatermarkOutput;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.functions.AggregateFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.Types;
import io.eddy.api.windowing.assigners.TumblingEventTimeWindows;
import io.eddy.api.windowing.functions.ProcessWindowFunction;
import io.eddy.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A windowed job written with Flink's signatures, as a ported job is: a watermark generator that
 * emits {@link Watermark} objects, {@code aggregate} with the accumulator, aggregate-result and
 * output types declared, and a window function that reads {@code getStart()}/{@code getEnd()}.
 * It runs on an embedded cluster and its exact output is checked.
 */
class FlinkSignaturesITCase {

    /** Counts the elements of a window. */
    static final class Count implements AggregateFunction<Tuple2<String, Long>, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Tuple2<String, Long> value, Long accumulator) {
            return accumulator + 1;
        }

        @Override
        public Long getResult(Long accumulator) {
            return accumulator;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    /** "key [start, end) count", with the window read through Flink's getters. */
    static final class Describe extends ProcessWindowFunction<Long, String, String, TimeWindow> {
        @Override
        public void process(String key, Context context, Iterable<Long> counts, Collector<String> out) {
            TimeWindow window = context.window();
            out.collect(key + " [" + window.getStart() + ", " + window.getEnd() + ") " + counts.iterator().next());
        }
    }

    /** The watermark after each element: its timestamp minus one (the input is in order). */
    static final class Punctuated implements WatermarkGenerator<Tuple2<String, Long>> {
        @Override
        public void onEvent(Tuple2<String, Long> event, long timestamp, WatermarkOutput output) {
            output.emitWatermark(new Watermark(timestamp - 1));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    @Test
    void portedWindowJobRunsWithFlinksSignatures() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(2);
        List<Tuple2<String, Long>> events = List.of(Tuple2.of("a", 1L), Tuple2.of("b", 3L), Tuple2.of("a", 9L),
                Tuple2.of("a", 10L), Tuple2.of("b", 15L), Tuple2.of("b", 19L), Tuple2.of("a", 25L));
        List<String> results = new ArrayList<>();
        try (CloseableIterator<String> it = env
                .fromCollection(events, new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo())
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple2<String, Long>>forGenerator(
                        ctx -> new Punctuated()).withTimestampAssigner((e, ts) -> e.f1))
                .keyBy(e -> e.f0, Types.STRING)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
                .aggregate(new Count(), new Describe(), Types.LONG, Types.LONG, Types.STRING)
                .executeAndCollect()) {
            it.forEachRemaining(results::add);
        }
        Collections.sort(results);
        assertEquals(List.of("a [0, 10) 2", "a [10, 20) 1", "a [20, 30) 1", "b [0, 10) 1", "b [10, 20) 2"), results);
    }
}
