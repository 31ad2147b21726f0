package io.eddy.testutils.harness;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.process.KeyedProcessFunction;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.state.KeyGroups;
import io.eddy.runtime.state.KeyedStateBackend;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.OperatorListState;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.api.windowing.assigners.TumblingEventTimeWindows;
import io.eddy.api.windowing.functions.PassThroughWindowFunction;
import io.eddy.runtime.operators.windowing.WindowContents;
import io.eddy.runtime.operators.windowing.WindowOperator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot and restore through the harness: an operator restored mid-stream gives exactly the
 * output of an uninterrupted run, at every point of the input; keyed state and timers move to
 * their new owners when the parallelism changes.
 */
class SnapshotRestoreTest {
    private static final TypeInfo<Tuple2<String, Integer>> PAIR = new TypeHint<Tuple2<String, Integer>>() {}.getTypeInfo();

    /** One thing a test does to a harness: an element, a watermark or a clock change. */
    private interface Step<IN> {
        void applyTo(OneInputOperatorTestHarness<IN, ?> harness) throws Exception;
    }

    private static <IN> Step<IN> element(IN value, long timestamp) {
        return h -> h.processElement(value, timestamp);
    }

    private static <IN> Step<IN> watermark(long watermark) {
        return h -> h.processWatermark(watermark);
    }

    private static <IN> Step<IN> clock(long time) {
        return h -> h.setProcessingTime(time);
    }

    /**
     * Runs {@code steps} once through, then for every cut point: up to the cut on one harness,
     * snapshot, the rest on a fresh harness restored from it (its clock set to the time of the
     * snapshot, as a restarted task's clock goes on). Each interrupted run must emit what the
     * uninterrupted one did, step by step. Within one step, timers of equal time but different keys
     * may fire in another order after a restore (their order is by key group then, as in a restarted
     * task), so the outputs of a step are compared sorted.
     *
     * @return the uninterrupted run's output, in the order it was emitted
     */
    private static <IN, OUT> List<Timestamped<OUT>> assertRestoreAnywhereGivesTheSameOutput(
            Supplier<OneInputOperatorTestHarness<IN, OUT>> harnesses, List<Step<IN>> steps) throws Exception {
        List<Timestamped<OUT>> uninterrupted = new ArrayList<>();
        List<List<Timestamped<OUT>>> uninterruptedBySteps = new ArrayList<>();
        try (var h = harnesses.get()) {
            for (Step<IN> step : steps) {
                step.applyTo(h);
                uninterrupted.addAll(h.getOutput());
                uninterruptedBySteps.add(sorted(h.takeOutput()));
            }
        }
        for (int cut = 0; cut <= steps.size(); cut++) {
            List<List<Timestamped<OUT>>> bySteps = new ArrayList<>();
            OperatorSnapshot snapshot;
            long clockAtSnapshot;
            try (var before = harnesses.get()) {
                for (Step<IN> step : steps.subList(0, cut)) {
                    step.applyTo(before);
                    bySteps.add(sorted(before.takeOutput()));
                }
                snapshot = before.snapshot();
                clockAtSnapshot = before.getProcessingTime();
            }
            try (var after = harnesses.get()) {
                after.restore(snapshot);
                after.setProcessingTime(clockAtSnapshot);
                assertEquals(List.of(), after.takeOutput(), "timers due by the snapshot fired before it");
                for (Step<IN> step : steps.subList(cut, steps.size())) {
                    step.applyTo(after);
                    bySteps.add(sorted(after.takeOutput()));
                }
            }
            assertEquals(uninterruptedBySteps, bySteps, "restored after step " + cut);
        }
        return uninterrupted;
    }

    private static <OUT> List<Timestamped<OUT>> sorted(List<Timestamped<OUT>> output) {
        return output.stream().sorted(Comparator.<Timestamped<OUT>>comparingLong(Timestamped::timestamp)
                .thenComparing(t -> String.valueOf(t.value()))).toList();
    }

    @Test
    void aWindowOperatorRestoredAtAnyPointEmitsWhatAnUninterruptedRunEmits() throws Exception {
        ReduceFunction<Tuple2<String, Integer>> sum = (a, b) -> Tuple2.of(a.f0, a.f1 + b.f1);
        TumblingEventTimeWindows assigner = TumblingEventTimeWindows.of(Duration.ofMillis(10));
        Supplier<OneInputOperatorTestHarness<Tuple2<String, Integer>, Tuple2<String, Integer>>> harnesses =
                () -> OneInputOperatorTestHarness.forKeyedOperator(new WindowOperator<>(assigner,
                        assigner.getDefaultTrigger(), WindowContents.reducing(sum, PAIR), null, PAIR, 0, null,
                        new PassThroughWindowFunction<>()), e -> e.f0, Types.STRING);
        List<Step<Tuple2<String, Integer>>> steps = List.of(
                element(Tuple2.of("a", 1), 1), element(Tuple2.of("b", 10), 3), element(Tuple2.of("a", 2), 9),
                element(Tuple2.of("a", 4), 12), watermark(9),
                element(Tuple2.of("b", 20), 15), element(Tuple2.of("a", 8), 19), element(Tuple2.of("b", 40), 21),
                watermark(19), element(Tuple2.of("a", 16), 25), watermark(40));

        assertEquals(List.of(
                        Timestamped.of(Tuple2.of("a", 3), 9), Timestamped.of(Tuple2.of("b", 10), 9),
                        Timestamped.of(Tuple2.of("a", 12), 19), Timestamped.of(Tuple2.of("b", 20), 19),
                        Timestamped.of(Tuple2.of("b", 40), 29), Timestamped.of(Tuple2.of("a", 16), 29)),
                assertRestoreAnywhereGivesTheSameOutput(harnesses, steps));
    }

    /**
     * Counts elements per key; each element sets an event-time timer 10 ms after it and a
     * processing-time timer 5 ms from now, which emit the key, the timer and the count then.
     */
    static final class CountWithTimers extends KeyedProcessFunction<String, String, String> {
        static final ValueStateDescriptor<Integer> COUNT = new ValueStateDescriptor<>("count", Types.INT);
        private transient ValueState<Integer> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(COUNT);
        }

        @Override
        public void processElement(String key, Context ctx, Collector<String> out) throws Exception {
            Integer n = count.value();
            count.update(n == null ? 1 : n + 1);
            ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 10);
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 5);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
            out.collect(ctx.getCurrentKey() + ":" + ctx.timeDomain() + "@" + timestamp + "=" + count.value());
        }
    }

    @Test
    void aKeyedProcessFunctionRestoredAtAnyPointFiresTheSameTimersWithTheSameState() throws Exception {
        Supplier<OneInputOperatorTestHarness<String, String>> harnesses =
                () -> ProcessFunctionTestHarnesses.forKeyedProcessFunction(new CountWithTimers(), k -> k, Types.STRING);
        List<Step<String>> steps = List.of(
                clock(100), element("a", 1), element("b", 2), clock(103), element("a", 4),
                clock(105), watermark(11), element("b", 20), clock(120), watermark(30));

        List<String> values = assertRestoreAnywhereGivesTheSameOutput(harnesses, steps).stream()
                .map(Timestamped::value).toList();
        // b's timer at 12 and a's at 14 fire at the last watermark, after b's second element
        assertEquals(List.of(
                "a:PROCESSING_TIME@105=2", "b:PROCESSING_TIME@105=1", "a:EVENT_TIME@11=2",
                "a:PROCESSING_TIME@108=2", "b:PROCESSING_TIME@110=2",
                "b:EVENT_TIME@12=2", "a:EVENT_TIME@14=2", "b:EVENT_TIME@30=2"), values);
    }

    @Test
    void keyedStateAndTimersRescaleFromTwoToThreeAndFromThreeToOne() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keys.add("key-" + i);
        }
        // run 1, parallelism 2: every key once, with timers at event time 10 and processing time 5
        List<OperatorSnapshot> two = runAndSnapshot(startFresh(2), keys, 0);
        // run 2, parallelism 3, restored from the two: every key once more (one more timer, at event time 20)
        List<OneInputOperatorTestHarness<String, String>> three = restored(3, two);
        assertEquals(keys.size(), totalEntries(three), "each key's state is restored exactly once");
        List<OperatorSnapshot> threeSnapshots = runAndSnapshot(three, keys, 10);
        // run 3, parallelism 1, restored from the three: every key's count is 2, its three timers fire
        List<OneInputOperatorTestHarness<String, String>> one = restored(1, threeSnapshots);
        OneInputOperatorTestHarness<String, String> only = one.get(0);
        KeyedStateBackend<String> state = only.getKeyedStateBackend();
        for (String key : keys) {
            state.setCurrentKey(key);
            assertEquals(2, state.getState(CountWithTimers.COUNT).value(), key);
        }
        assertEquals(3 * keys.size(), only.numberOfTimers());
        only.processWatermark(20);
        only.setProcessingTime(5);
        Map<String, List<String>> firedByKey = new TreeMap<>();
        for (String fired : only.getOutputValues()) {
            firedByKey.computeIfAbsent(fired.substring(0, fired.indexOf(':')), k -> new ArrayList<>()).add(fired);
        }
        assertEquals(keys.size(), firedByKey.size());
        firedByKey.forEach((key, fired) -> assertEquals(
                List.of(key + ":EVENT_TIME@10=2", key + ":EVENT_TIME@20=2", key + ":PROCESSING_TIME@5=2"), fired));
        only.close();
    }

    private static List<OneInputOperatorTestHarness<String, String>> startFresh(int parallelism) {
        List<OneInputOperatorTestHarness<String, String>> harnesses = new ArrayList<>();
        for (int i = 0; i < parallelism; i++) {
            harnesses.add(ProcessFunctionTestHarnesses.forKeyedProcessFunction(new CountWithTimers(), k -> k,
                    Types.STRING, Subtask.of(i, parallelism)));
        }
        return harnesses;
    }

    private static List<OneInputOperatorTestHarness<String, String>> restored(int parallelism,
            List<OperatorSnapshot> snapshots) throws Exception {
        List<OneInputOperatorTestHarness<String, String>> harnesses = startFresh(parallelism);
        for (var h : harnesses) {
            h.restore(snapshots);
            h.open(); // the operator registers its state and timers: the restored contents go into them
        }
        return harnesses;
    }

    /** Sends each key to the subtask that owns it (as a keyBy does), snapshots all and closes them. */
    private static List<OperatorSnapshot> runAndSnapshot(List<OneInputOperatorTestHarness<String, String>> harnesses,
            List<String> keys, long timestamp) throws Exception {
        int parallelism = harnesses.size();
        for (String key : keys) {
            harnesses.get(KeyGroups.operatorIndexForKey(key, KeyGroups.DEFAULT_MAX_PARALLELISM, parallelism))
                    .processElement(key, timestamp);
        }
        List<OperatorSnapshot> snapshots = new ArrayList<>();
        for (var h : harnesses) {
            assertTrue(h.numberOfStateEntries("count") > 0, h.subtask() + " got no key: the test shows nothing");
            snapshots.add(h.snapshot());
            h.close();
        }
        return snapshots;
    }

    private static int totalEntries(List<OneInputOperatorTestHarness<String, String>> harnesses) {
        int entries = 0;
        for (var h : harnesses) {
            entries += h.numberOfStateEntries("count");
        }
        return entries;
    }

    /** Keeps the elements it saw in even-split operator list state. */
    static final class Remembering extends StreamOperator<String> implements OneInputOperator<String> {
        transient OperatorListState<String> seen;

        @Override
        public void open() {
            seen = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("seen", Types.STRING));
        }

        @Override
        public void processElement(String value, long timestamp) {
            seen.add(value);
        }
    }

    @Test
    void operatorListStateIsSplitAmongTheSubtasksOfTheRestoredRun() throws Exception {
        List<OperatorSnapshot> snapshots = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Remembering operator = new Remembering();
            try (var h = OneInputOperatorTestHarness.forOperator(operator, Subtask.of(i, 2))) {
                for (int e = 0; e < 3; e++) {
                    h.processElement(i + "-" + e);
                }
                snapshots.add(h.snapshot());
            }
        }
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Remembering operator = new Remembering();
            try (var h = OneInputOperatorTestHarness.forOperator(operator, Subtask.of(i, 3))) {
                h.restore(snapshots);
                h.open();
                List<String> mine = new ArrayList<>();
                operator.seen.get().forEach(mine::add);
                assertEquals(2, mine.size(), "six elements split evenly over three subtasks: " + mine);
                all.addAll(mine);
            }
        }
        assertEquals(List.of("0-0", "0-1", "0-2", "1-0", "1-1", "1-2"), all.stream().sorted().toList());
    }

    @Test
    void restoringIncompleteSnapshotsOrAfterOpeningFailsWithTheFix() throws Exception {
        List<OperatorSnapshot> two = runAndSnapshot(startFresh(2), List.of("a", "b", "c", "d", "e", "f", "g"), 0);
        var h = startFresh(1).get(0);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> h.restore(two.get(1)));
        assertEquals("Give the snapshots of all subtasks of one run, by index: snapshot 0 of 1 is of subtask 1 of 2",
                missing.getMessage());
        h.processElement("a", 0);
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> h.restore(two));
        assertTrue(late.getMessage().startsWith("Restore before the operator opens"), late.getMessage());
        h.close();
    }
}
