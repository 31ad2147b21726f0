package io.eddy.runtime.windowing;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.api.windowing.assigners.EventTimeSessionWindows;
import io.eddy.api.windowing.assigners.GlobalWindows;
import io.eddy.api.windowing.assigners.ProcessingTimeSessionWindows;
import io.eddy.api.windowing.assigners.SlidingProcessingTimeWindows;
import io.eddy.api.windowing.assigners.TumblingEventTimeWindows;
import io.eddy.api.windowing.assigners.TumblingProcessingTimeWindows;
import io.eddy.api.windowing.assigners.WindowAssigner;
import io.eddy.api.windowing.evictors.CountEvictor;
import io.eddy.api.windowing.evictors.Evictor;
import io.eddy.api.windowing.evictors.TimeEvictor;
import io.eddy.api.windowing.functions.PassThroughWindowFunction;
import io.eddy.api.windowing.functions.ProcessWindowFunction;
import io.eddy.api.windowing.triggers.ContinuousProcessingTimeTrigger;
import io.eddy.api.windowing.triggers.CountTrigger;
import io.eddy.api.windowing.triggers.Trigger;
import io.eddy.api.windowing.triggers.TriggerResult;
import io.eddy.api.windowing.windows.TimeWindow;
import io.eddy.api.windowing.windows.Window;
import io.eddy.runtime.operators.windowing.WindowContents;
import io.eddy.runtime.operators.windowing.WindowOperator;
import io.eddy.testutils.harness.OneInputOperatorTestHarness;
import io.eddy.testutils.harness.OperatorSnapshot;
import io.eddy.testutils.harness.Timestamped;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The window operator driven directly: processing time by a manual clock, exact outputs and state clean-up. */
class WindowOperatorTest {
    private static final TypeInfo<Tuple2<String, Integer>> TYPE = new TypeHint<Tuple2<String, Integer>>() {}.getTypeInfo();
    private static final ReduceFunction<Tuple2<String, Integer>> SUM = (a, b) -> Tuple2.of(a.f0, a.f1 + b.f1);

    /** Emits "key@[start,end)=v1,v2,..." for the window's elements. */
    static final class Describe<W extends Window> extends ProcessWindowFunction<Tuple2<String, Integer>, String, String, W> {
        @Override
        public void process(String key, Context context, Iterable<Tuple2<String, Integer>> elements,
                Collector<String> out) {
            StringBuilder values = new StringBuilder();
            for (Tuple2<String, Integer> e : elements) {
                values.append(values.length() == 0 ? "" : ",").append(e.f1);
            }
            W w = context.window();
            out.collect(key + "@" + (w instanceof TimeWindow t ? "[" + t.start() + "," + t.end() + ")" : "global")
                    + "=" + values);
        }
    }

    private static <W extends Window> OneInputOperatorTestHarness<Tuple2<String, Integer>, Tuple2<String, Integer>>
            summing(WindowAssigner<Object, W> assigner, Trigger<Object, ? super W> trigger, long lateness,
                    OutputTag<Tuple2<String, Integer>> lateTag) throws Exception {
        return OneInputOperatorTestHarness.forKeyedOperator(new WindowOperator<>(assigner, trigger, WindowContents.reducing(SUM, TYPE),
                null, TYPE, lateness, lateTag, new PassThroughWindowFunction<>()), e -> e.f0, Types.STRING);
    }

    private static <W extends Window> OneInputOperatorTestHarness<Tuple2<String, Integer>, String> describing(
            WindowAssigner<Object, W> assigner, Trigger<Object, ? super W> trigger,
            Evictor<Object, ? super W> evictor) throws Exception {
        return OneInputOperatorTestHarness.forKeyedOperator(new WindowOperator<>(assigner, trigger, WindowContents.allElements(TYPE),
                evictor, TYPE, 0, null, new Describe<W>()), e -> e.f0, Types.STRING);
    }

    private static <T> List<T> values(List<Timestamped<T>> emitted) {
        return emitted.stream().map(Timestamped::value).toList();
    }

    @Test
    void tumblingProcessingTimeWindowsFireWhenTheClockPassesTheirEnd() throws Exception {
        TumblingProcessingTimeWindows assigner = TumblingProcessingTimeWindows.of(Duration.ofMillis(100));
        try (var h = summing(assigner, assigner.getDefaultTrigger(), 0, null)) {
            h.setProcessingTime(10);
            h.processElement(Tuple2.of("a", 1), 5000); // the event timestamp plays no part
            h.processElement(Tuple2.of("b", 2), 5000);
            h.setProcessingTime(98);
            h.processElement(Tuple2.of("a", 3), 5000);
            assertEquals(List.of(), h.takeOutput());
            h.setProcessingTime(99); // the window's last millisecond: its timer is due
            assertEquals(List.of(Timestamped.of(Tuple2.of("a", 4), 99), Timestamped.of(Tuple2.of("b", 2), 99)),
                    h.takeOutput().stream().sorted((x, y) -> x.value().f0.compareTo(y.value().f0)).toList());
            h.processElement(Tuple2.of("a", 10), 0); // still at 99: the same window again, fired by the next tick
            h.setProcessingTime(100);
            h.processElement(Tuple2.of("a", 5), 0);
            h.setProcessingTime(250);
            assertEquals(List.of(Timestamped.of(Tuple2.of("a", 10), 99), Timestamped.of(Tuple2.of("a", 5), 199)),
                    h.takeOutput());
            assertEquals(0, h.numberOfTimers());
            assertEquals(0, h.numberOfStateEntries("window-contents"));
        }
    }

    @Test
    void slidingProcessingTimeWindowsSeeEveryElementInEachOfItsWindows() throws Exception {
        SlidingProcessingTimeWindows assigner = SlidingProcessingTimeWindows.of(Duration.ofMillis(100),
                Duration.ofMillis(50));
        try (var h = describing(assigner, assigner.getDefaultTrigger(), null)) {
            h.setProcessingTime(60);
            h.processElement(Tuple2.of("k", 1), 0);
            h.setProcessingTime(120);
            h.processElement(Tuple2.of("k", 2), 0);
            h.setProcessingTime(400);
            assertEquals(List.of("k@[0,100)=1", "k@[50,150)=1,2", "k@[100,200)=2"), values(h.takeOutput()));
        }
    }

    @Test
    void processingTimeSessionsMergeAndFireAfterTheGap() throws Exception {
        var assigner = ProcessingTimeSessionWindows.withGap(Duration.ofMillis(10));
        try (var h = describing(assigner, assigner.getDefaultTrigger(), null)) {
            h.setProcessingTime(0);
            h.processElement(Tuple2.of("k", 1), 0);
            h.setProcessingTime(5);
            h.processElement(Tuple2.of("k", 2), 0);
            h.setProcessingTime(13);
            h.processElement(Tuple2.of("k", 3), 0);
            h.setProcessingTime(21);
            assertEquals(List.of(), h.takeOutput());
            h.setProcessingTime(22);
            assertEquals(List.of("k@[0,23)=1,2,3"), values(h.takeOutput()));
            h.setProcessingTime(30);
            h.processElement(Tuple2.of("k", 4), 0);
            h.setProcessingTime(100);
            assertEquals(List.of("k@[30,40)=4"), values(h.takeOutput()));
            assertEquals(0, h.numberOfTimers());
        }
    }

    @Test
    void aBridgingElementMergesTwoEventTimeSessionsIntoOneResult() throws Exception {
        var assigner = EventTimeSessionWindows.withGap(Duration.ofMillis(10));
        try (var h = describing(assigner, assigner.getDefaultTrigger(), null)) {
            h.processElement(Tuple2.of("k", 1), 100);
            h.processElement(Tuple2.of("k", 2), 103);
            h.processElement(Tuple2.of("k", 3), 120);
            assertEquals(2, h.numberOfTimers()); // one per session: the trigger's and the cleanup timer coincide
            h.processElement(Tuple2.of("k", 4), 111); // [111,121) touches both [100,113) and [120,130)
            assertEquals(1, h.numberOfTimers());
            h.processWatermark(128);
            assertEquals(List.of(), h.takeOutput());
            h.processWatermark(129);
            assertEquals(List.of(Timestamped.of("k@[100,130)=1,2,3,4", 129)), h.takeOutput());
            assertEquals(0, h.numberOfTimers());
            assertEquals(0, h.numberOfStateEntries("window-contents"));
        }
    }

    @Test
    void allowedLatenessFiresAgainWithLateElementsAndSideOutputsTheDroppedOnes() throws Exception {
        OutputTag<Tuple2<String, Integer>> late = new OutputTag<>("late", TYPE);
        TumblingEventTimeWindows assigner = TumblingEventTimeWindows.of(Duration.ofMillis(100));
        try (var h = summing(assigner, assigner.getDefaultTrigger(), 50, late)) {
            h.processElement(Tuple2.of("a", 1), 10);
            h.processElement(Tuple2.of("a", 2), 99);
            h.processWatermark(99);
            assertEquals(List.of(Timestamped.of(Tuple2.of("a", 3), 99)), h.takeOutput());
            h.processElement(Tuple2.of("a", 4), 50); // late, within the lateness: an updated result
            assertEquals(List.of(Timestamped.of(Tuple2.of("a", 7), 99)), h.takeOutput());
            h.processWatermark(148);
            h.processElement(Tuple2.of("a", 8), 0);
            assertEquals(List.of(Timestamped.of(Tuple2.of("a", 15), 99)), h.takeOutput());
            h.processWatermark(149); // the window's state is gone
            h.processElement(Tuple2.of("a", 16), 1);
            h.processElement(Tuple2.of("a", 32), 150);
            assertEquals(List.of(), h.takeOutput());
            assertEquals(List.of(Timestamped.of(Tuple2.of("a", 16), 1)), h.getSideOutputWithTimestamps(late));
            h.processWatermark(Long.MAX_VALUE);
            assertEquals(List.of(Timestamped.of(Tuple2.of("a", 32), 199)), h.takeOutput());
            assertEquals(0, h.numberOfTimers());
        }
    }

    @Test
    void aLateElementOpeningAWindowWithinTheLatenessFiresIt() throws Exception {
        TumblingEventTimeWindows assigner = TumblingEventTimeWindows.of(Duration.ofMillis(500));
        try (var h = summing(assigner, assigner.getDefaultTrigger(), 2000, null)) {
            h.processWatermark(263);
            h.processElement(Tuple2.of("a", 1), -436);
            assertEquals(List.of(Timestamped.of(Tuple2.of("a", 1), -1)), h.takeOutput());
        }
    }

    @Test
    void countEvictorKeepsTheLastElements() throws Exception {
        try (var h = describing(GlobalWindows.create(), CountTrigger.of(2), CountEvictor.of(3))) {
            for (int i = 1; i <= 6; i++) {
                h.processElement(Tuple2.of("k", i), i);
            }
            assertEquals(List.of("k@global=1,2", "k@global=2,3,4", "k@global=4,5,6"), values(h.takeOutput()));
        }
    }

    @Test
    void timeEvictorKeepsTheElementsOfTheLastInterval() throws Exception {
        try (var h = describing(GlobalWindows.create(), CountTrigger.of(3), TimeEvictor.of(Duration.ofMillis(10)))) {
            h.processElement(Tuple2.of("k", 1), 100);
            h.processElement(Tuple2.of("k", 2), 95);
            h.processElement(Tuple2.of("k", 3), 105);
            h.processElement(Tuple2.of("k", 4), 112);
            h.processElement(Tuple2.of("k", 5), 90);
            h.processElement(Tuple2.of("k", 6), 113);
            // what remains after an eviction stays in the window
            assertEquals(List.of("k@global=1,3", "k@global=3,4,6"), values(h.takeOutput()));
        }
    }

    @Test
    void continuousProcessingTimeTriggerFiresEveryIntervalUntilTheWindowEnds() throws Exception {
        TumblingProcessingTimeWindows assigner = TumblingProcessingTimeWindows.of(Duration.ofMillis(100));
        try (var h = summing(assigner, ContinuousProcessingTimeTrigger.of(Duration.ofMillis(30)), 0, null)) {
            h.setProcessingTime(5);
            h.processElement(Tuple2.of("a", 1), 0);
            h.setProcessingTime(30);
            h.processElement(Tuple2.of("a", 2), 0);
            h.setProcessingTime(61);
            h.processElement(Tuple2.of("a", 4), 0);
            h.setProcessingTime(200);
            // fires at 30 (before the element of 30 is added), 60, 90 and the window's end, 99
            assertEquals(List.of(1, 3, 7, 7), h.takeOutput().stream().map(e -> e.value().f1).toList());
            assertEquals(0, h.numberOfTimers());
        }
    }

    /**
     * Fires at the window's end like the default trigger, but an element of value 0 takes the end
     * timer back, and the next element sets it again.
     */
    static final class CancellableEndTrigger extends Trigger<Object, TimeWindow> {
        @Override
        @SuppressWarnings("unchecked")
        public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx) {
            if (((Tuple2<String, Integer>) element).f1 == 0) {
                ctx.deleteEventTimeTimer(window.maxTimestamp());
            } else {
                ctx.registerEventTimeTimer(window.maxTimestamp());
            }
            return TriggerResult.CONTINUE;
        }

        @Override
        public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
            return time == window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
        }

        @Override
        public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
            return TriggerResult.CONTINUE;
        }

        @Override
        public void clear(TimeWindow window, TriggerContext ctx) {
            ctx.deleteEventTimeTimer(window.maxTimestamp());
        }
    }

    @Test
    void aTriggerThatDeletesTheEndTimerOfAWindowWithContentsCanSetItAgain() throws Exception {
        // without lateness the window's end timer is also its cleanup timer: deleting it leaves the
        // window with contents and no timer, so the trigger's next registration must reach the timers
        TumblingEventTimeWindows assigner = TumblingEventTimeWindows.of(Duration.ofMillis(100));
        try (var h = summing(assigner, new CancellableEndTrigger(), 0, null)) {
            h.processElement(Tuple2.of("a", 1), 10);
            h.processElement(Tuple2.of("a", 0), 20);
            assertEquals(0, h.numberOfTimers());
            h.processElement(Tuple2.of("a", 2), 30);
            h.processElement(Tuple2.of("b", 4), 40);
            assertEquals(2, h.numberOfTimers());
            h.processWatermark(99);
            assertEquals(List.of(Timestamped.of(Tuple2.of("a", 3), 99), Timestamped.of(Tuple2.of("b", 4), 99)),
                    h.takeOutput().stream().sorted((x, y) -> x.value().f0.compareTo(y.value().f0)).toList());
            assertEquals(0, h.numberOfTimers());
            assertEquals(0, h.numberOfStateEntries("window-contents"));
        }
    }

    @Test
    void eachWindowHasOneTimerHoweverManyElementsRegisterItAndItSurvivesARestore() throws Exception {
        TumblingEventTimeWindows assigner = TumblingEventTimeWindows.of(Duration.ofMillis(100));
        OperatorSnapshot snapshot;
        try (var h = summing(assigner, assigner.getDefaultTrigger(), 0, null)) {
            for (int i = 0; i < 30; i++) {
                h.processElement(Tuple2.of(i % 2 == 0 ? "a" : "b", 1), i * 10); // [0,100), [100,200), [200,300)
            }
            assertEquals(6, h.numberOfTimers()); // two keys, three windows
            h.processWatermark(99);
            assertEquals(List.of(Timestamped.of(Tuple2.of("a", 5), 99), Timestamped.of(Tuple2.of("b", 5), 99)),
                    h.takeOutput().stream().sorted((x, y) -> x.value().f0.compareTo(y.value().f0)).toList());
            snapshot = h.snapshot();
        }
        try (var h = summing(assigner, assigner.getDefaultTrigger(), 0, null)) {
            h.restore(snapshot);
            h.processElement(Tuple2.of("a", 100), 150); // a window with contents restored: its timer came along
            assertEquals(4, h.numberOfTimers());
            h.processWatermark(199);
            assertEquals(List.of(Timestamped.of(Tuple2.of("a", 105), 199), Timestamped.of(Tuple2.of("b", 5), 199)),
                    h.takeOutput().stream().sorted((x, y) -> x.value().f0.compareTo(y.value().f0)).toList());
            h.processWatermark(Long.MAX_VALUE);
            assertEquals(List.of(Timestamped.of(Tuple2.of("a", 5), 299), Timestamped.of(Tuple2.of("b", 5), 299)),
                    h.takeOutput().stream().sorted((x, y) -> x.value().f0.compareTo(y.value().f0)).toList());
            assertEquals(0, h.numberOfTimers());
            assertEquals(0, h.numberOfStateEntries("window-contents"));
        }
    }
}
