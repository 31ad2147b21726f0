package io.eddy.runtime.timers;

import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.process.KeyedProcessFunction;
import io.eddy.api.functions.process.ProcessFunction;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.Types;
import io.eddy.runtime.operators.TimestampsAndWatermarksOperator;
import io.eddy.testutils.harness.OneInputOperatorTestHarness;
import io.eddy.testutils.harness.ProcessFunctionTestHarnesses;
import io.eddy.testutils.harness.Timestamped;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timers, watermark generation and idleness, driven through the operator test harness. */
class TimersAndWatermarksTest {

    /** Emits "key:time:domain" from every timer and counts elements per key. */
    static final class TimerRecorder extends KeyedProcessFunction<String, String, String> {
        private transient ValueState<Integer> seen;

        @Override
        public void open(io.eddy.api.functions.rich.OpenContext context) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.INT));
        }

        @Override
        public void processElement(String value, Context ctx, Collector<String> out) throws Exception {
            Integer n = seen.value();
            seen.update(n == null ? 1 : n + 1);
            String[] parts = value.split(":");
            long time = Long.parseLong(parts[2]);
            switch (parts[1]) {
                case "event" -> ctx.timerService().registerEventTimeTimer(time);
                case "proc" -> ctx.timerService().registerProcessingTimeTimer(time);
                case "delete-event" -> ctx.timerService().deleteEventTimeTimer(time);
                case "delete-proc" -> ctx.timerService().deleteProcessingTimeTimer(time);
                default -> throw new IllegalArgumentException(value);
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
            out.collect(ctx.getCurrentKey() + ":" + timestamp + ":" + ctx.timeDomain() + ":" + seen.value());
        }
    }

    private static OneInputOperatorTestHarness<String, String> timerHarness() {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new TimerRecorder(), v -> v.split(":")[0],
                Types.STRING);
    }

    @Test
    void eventTimeTimersFireInTimeOrderWithTheirKeyCurrentAndOnlyOnce() throws Exception {
        try (OneInputOperatorTestHarness<String, String> h = timerHarness()) {
            h.processElement("a:event:30", 1);
            h.processElement("b:event:10", 2);
            h.processElement("a:event:10", 3);
            h.processElement("a:event:10", 4); // the same timer again
            h.processElement("b:event:20", 5);
            h.processElement("b:delete-event:20", 6);
            assertEquals(3, h.numberOfTimers());

            h.processWatermark(9);
            assertEquals(List.of(), h.getOutputValues());
            h.processWatermark(10);
            // equal times fire in registration order; each sees its own key's state
            assertEquals(List.of("b:10:EVENT_TIME:3", "a:10:EVENT_TIME:3"), h.getOutputValues());
            assertEquals(List.of(Timestamped.of("b:10:EVENT_TIME:3", 10), Timestamped.of("a:10:EVENT_TIME:3", 10)),
                    h.getOutput());
            h.processWatermark(100);
            assertEquals("a:30:EVENT_TIME:3", h.getOutputValues().get(2));
            assertEquals(List.of(9L, 10L, 100L), h.getWatermarks(), "watermarks are forwarded after the timers");
            assertEquals(0, h.numberOfTimers());
        }
    }

    @Test
    void processingTimeTimersFollowTheClock() throws Exception {
        try (OneInputOperatorTestHarness<String, String> h = timerHarness()) {
            h.setProcessingTime(100);
            h.processElement("a:proc:150");
            h.processElement("b:proc:120");
            h.processElement("b:proc:200");
            h.processElement("b:delete-proc:200");
            h.setProcessingTime(149);
            assertEquals(List.of("b:120:PROCESSING_TIME:3"), h.getOutputValues());
            h.setProcessingTime(1000);
            assertEquals(List.of("b:120:PROCESSING_TIME:3", "a:150:PROCESSING_TIME:1"), h.getOutputValues());
            assertEquals(0, h.numberOfTimers());
        }
    }

    @Test
    void timersNeedAKeyedStream() throws Exception {
        try (OneInputOperatorTestHarness<Long, Long> h = ProcessFunctionTestHarnesses.forProcessFunction(
                new ProcessFunction<Long, Long>() {
                    @Override
                    public void processElement(Long value, Context ctx, Collector<Long> out) {
                        ctx.timerService().registerEventTimeTimer(value);
                    }
                })) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> h.processElement(1L, 1));
            assertTrue(e.getMessage().contains("key the input with keyBy(...)"), e.getMessage());
        }
    }

    @Test
    void sideOutputsAreSeparateFromTheMainOutput() throws Exception {
        OutputTag<String> negative = new OutputTag<>("negative", Types.STRING);
        try (OneInputOperatorTestHarness<Integer, Integer> h = ProcessFunctionTestHarnesses.forProcessFunction(
                new ProcessFunction<Integer, Integer>() {
                    @Override
                    public void processElement(Integer value, Context ctx, Collector<Integer> out) {
                        if (value < 0) {
                            ctx.output(negative, "negative " + value);
                        } else {
                            out.collect(value);
                        }
                    }
                })) {
            for (int v : new int[] {3, -1, 4, -1, -5}) {
                h.processElement(v, 7);
            }
            assertEquals(List.of(3, 4), h.getOutputValues());
            assertEquals(List.of("negative -1", "negative -1", "negative -5"), h.getSideOutput(negative));
        }
    }

    private static OneInputOperatorTestHarness<Long, Long> watermarkHarness(WatermarkStrategy<Long> strategy) {
        return OneInputOperatorTestHarness.forOperator(new TimestampsAndWatermarksOperator<>(strategy),
                new ExecutionConfig().setAutoWatermarkInterval(100));
    }

    @Test
    void boundedOutOfOrdernessTrailsTheMaximumTimestamp() throws Exception {
        WatermarkStrategy<Long> strategy = WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofMillis(50))
                .withTimestampAssigner((v, ts) -> v);
        try (OneInputOperatorTestHarness<Long, Long> h = watermarkHarness(strategy)) {
            h.processElement(1000L);
            h.processElement(900L);
            h.setProcessingTime(100);
            h.processElement(1200L);
            h.processElement(1100L);
            h.setProcessingTime(200);
            h.setProcessingTime(300); // no new maximum: no new watermark
            assertEquals(List.of(949L, 1149L), h.getWatermarks());
            assertEquals(List.of(Timestamped.of(1000L, 1000), Timestamped.of(900L, 900), Timestamped.of(1200L, 1200),
                    Timestamped.of(1100L, 1100)), h.getOutput());
            h.processWatermark(5000); // upstream watermarks are ignored
            h.endInput();
            assertEquals(List.of(949L, 1149L, Long.MAX_VALUE), h.getWatermarks());
        }
    }

    @Test
    void punctuatedWatermarksComeFromOnEvent() throws Exception {
        WatermarkStrategy<Long> strategy = WatermarkStrategy.<Long>forGenerator(ctx ->
                new io.eddy.api.eventtime.WatermarkGenerator<>() {
                    @Override
                    public void onEvent(Long event, long ts, io.eddy.api.eventtime.WatermarkOutput out) {
                        if (event % 10 == 0) {
                            out.emitWatermark(new io.eddy.api.eventtime.Watermark(ts));
                        }
                    }

                    @Override
                    public void onPeriodicEmit(io.eddy.api.eventtime.WatermarkOutput out) {}
                }).withTimestampAssigner((v, ts) -> v);
        try (OneInputOperatorTestHarness<Long, Long> h = watermarkHarness(strategy)) {
            for (long v : new long[] {3, 10, 12, 20, 15, 30}) {
                h.processElement(v);
            }
            assertEquals(List.of(10L, 20L, 30L), h.getWatermarks());
        }
    }

    @Test
    void anInputWithoutElementsGoesIdleAndComesBack() throws Exception {
        WatermarkStrategy<Long> strategy = WatermarkStrategy.<Long>forMonotonousTimestamps()
                .withTimestampAssigner((Long v, long ts) -> v).withIdleness(Duration.ofMillis(300));
        try (OneInputOperatorTestHarness<Long, Long> h = watermarkHarness(strategy)) {
            h.processElement(10L);
            h.setProcessingTime(100);
            assertEquals(List.of(9L), h.getWatermarks());
            h.setProcessingTime(350);
            assertEquals(List.of(), h.getWatermarkStatuses(), "250 ms without elements is not idle yet");
            h.setProcessingTime(400);
            assertEquals(List.of(true), h.getWatermarkStatuses());
            h.processElement(20L);
            h.setProcessingTime(500);
            assertEquals(List.of(true, false), h.getWatermarkStatuses(), "active again with the next watermark");
            assertEquals(List.of(9L, 19L), h.getWatermarks());
        }
    }

    @Test
    void timeDomainIsOnlyDefinedInOnTimer() throws Exception {
        try (OneInputOperatorTestHarness<String, String> h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new KeyedProcessFunction<String, String, String>() {
                    @Override
                    public void processElement(String value, Context ctx, Collector<String> out) {
                        out.collect(((OnTimerContext) ctx).timeDomain().toString());
                    }
                }, v -> v, Types.STRING)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.processElement("x", 1));
            assertTrue(e.getMessage().contains("only defined in onTimer"));
        }
    }

    @Test
    void manyTimersRegisteredAndDeletedInAnyOrderFireByTimeThenRegistration() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        // the model: the live timers in registration order, as "key:time", and the elements per key
        Map<String, Long> live = new LinkedHashMap<>();
        Map<String, Integer> elements = new HashMap<>();
        try (OneInputOperatorTestHarness<String, String> h = timerHarness()) {
            for (int i = 0; i < 5000; i++) {
                String key = "k" + random.nextInt(40);
                long time = random.nextLong(1000);
                boolean delete = random.nextInt(3) == 0;
                h.processElement(key + (delete ? ":delete-event:" : ":event:") + time, 0);
                elements.merge(key, 1, Integer::sum);
                if (delete) {
                    live.remove(key + ":" + time);
                } else {
                    live.putIfAbsent(key + ":" + time, time);
                }
            }
            assertEquals(live.size(), h.numberOfTimers());
            List<String> expected = new ArrayList<>();
            live.entrySet().stream()
                    .sorted(Map.Entry.comparingByValue()) // stable: ties stay in registration order
                    .forEach(e -> {
                        String key = e.getKey().split(":")[0];
                        expected.add(key + ":" + e.getValue() + ":EVENT_TIME:" + elements.get(key));
                    });
            for (long watermark = 0; watermark < 1000; watermark += 37) {
                h.processWatermark(watermark);
            }
            h.processWatermark(Long.MAX_VALUE);
            assertEquals(expected, h.getOutputValues());
            assertEquals(0, h.numberOfTimers());
        }
    }
}
