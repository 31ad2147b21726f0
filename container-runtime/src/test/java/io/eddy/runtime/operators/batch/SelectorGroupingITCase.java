package io.eddy.runtime.operators.batch;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.Order;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.rich.RichGroupReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.memory.MemoryManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A DataSet grouped by a KeySelector, ordered inside each group by another ({@code sortGroup(selector,
 * order)}), as the issue's {@code groupBy(key selector) with sortGroup} asks: reduceGroup, first(n) and
 * combineGroup on POJOs, against plain Java.
 */
class SelectorGroupingITCase {
    @TempDir
    Path spillDir;

    /** A reading of a sensor, a POJO. */
    public static final class Reading {
        public String sensor;
        public long time;
        public long value;

        public Reading() {}

        Reading(String sensor, long time, long value) {
            this.sensor = sensor;
            this.time = time;
            this.value = value;
        }
    }

    private static final class Sensor implements KeySelector<Reading, String> {
        @Override
        public String getKey(Reading r) {
            return r.sensor;
        }
    }

    private static final class Time implements KeySelector<Reading, Long> {
        @Override
        public Long getKey(Reading r) {
            return r.time;
        }
    }

    private final List<Reading> readings = new ArrayList<>();

    private ExecutionEnvironment env() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 30_000; i++) {
            readings.add(new Reading("s" + random.nextInt(400), random.nextLong(1_000_000_000L), random.nextInt(1000)));
        }
        Configuration config = new Configuration();
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("16mb"));
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());
        return ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
    }

    private Map<String, List<Reading>> latestFirst() {
        Map<String, List<Reading>> bySensor = new TreeMap<>();
        readings.forEach(r -> bySensor.computeIfAbsent(r.sensor, s -> new ArrayList<>()).add(r));
        bySensor.values().forEach(l -> l.sort(Comparator.comparingLong((Reading r) -> r.time).reversed()));
        return bySensor;
    }

    @Test
    void reduceGroupSeesEachSensorsReadingsLatestFirst() throws Exception {
        DataSet<Reading> data = env().fromCollection(readings);
        List<Tuple2<String, String>> actual = new ArrayList<>(data.groupBy(new Sensor()).sortGroup(new Time(), Order.DESCENDING)
                .reduceGroup(new TimesInOrder()).collect());
        actual.sort(Comparator.comparing(t -> t.f0));
        List<Tuple2<String, String>> expected = new ArrayList<>();
        latestFirst().forEach((sensor, list) -> expected.add(Tuple2.of(sensor,
                list.stream().map(r -> Long.toString(r.time)).collect(Collectors.joining(",")))));
        assertEquals(expected, actual);
    }

    /** (sensor, the times in the order the group hands them); a rich function: its runtime context is there. */
    private static final class TimesInOrder extends RichGroupReduceFunction<Reading, Tuple2<String, String>> {
        @Override
        public void reduce(Iterable<Reading> group, Collector<Tuple2<String, String>> out) {
            getRuntimeContext().getIndexOfThisSubtask();
            String sensor = null;
            StringBuilder times = new StringBuilder();
            for (Reading r : group) {
                sensor = r.sensor;
                times.append(times.length() == 0 ? "" : ",").append(r.time);
            }
            out.collect(Tuple2.of(sensor, times.toString()));
        }
    }

    @Test
    void firstNTakesTheLatestReadingsOfEachSensor() throws Exception {
        DataSet<Reading> data = env().fromCollection(readings);
        List<Reading> actual = new ArrayList<>(data.groupBy(new Sensor()).sortGroup(new Time(), Order.DESCENDING).first(3).collect());
        actual.sort(Comparator.comparing((Reading r) -> r.sensor).thenComparing(Comparator.comparingLong((Reading r) -> r.time).reversed()));
        List<String> expected = new ArrayList<>();
        latestFirst().forEach((sensor, list) -> list.stream().limit(3).forEach(r -> expected.add(r.sensor + "@" + r.time + "=" + r.value)));
        assertEquals(expected, actual.stream().map(r -> r.sensor + "@" + r.time + "=" + r.value).toList());
    }

    @Test
    void combineGroupThenReduceGroupSumsPerSensor() throws Exception {
        DataSet<Reading> data = env().fromCollection(readings);
        SumPerSensor sum = new SumPerSensor();
        List<Reading> actual = new ArrayList<>(data.groupBy(new Sensor()).combineGroup(sum)
                .groupBy(new Sensor()).reduceGroup(sum).collect());
        actual.sort(Comparator.comparing(r -> r.sensor));
        Map<String, Long> expected = new TreeMap<>();
        readings.forEach(r -> expected.merge(r.sensor, r.value, Long::sum));
        assertEquals(expected, actual.stream().collect(Collectors.toMap(r -> r.sensor, r -> r.value, (a, b) -> a, TreeMap::new)));
    }

    private static final class SumPerSensor implements GroupReduceFunction<Reading, Reading> {
        @Override
        public void reduce(Iterable<Reading> group, Collector<Reading> out) {
            Reading total = null;
            for (Reading r : group) {
                total = total == null ? new Reading(r.sensor, 0, r.value) : new Reading(r.sensor, 0, total.value + r.value);
            }
            out.collect(total);
        }
    }

    @Test
    void aSecondSortGroupSelectorOrAReduceAfterSortGroupIsRefusedWithTheFix() {
        DataSet<Reading> data = env().fromCollection(readings);
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> data.groupBy(new Sensor()).sortGroup(new Time(), Order.ASCENDING).sortGroup(new Time(), Order.ASCENDING));
        assertEquals("A grouping by a KeySelector takes one sortGroup selector: return a tuple from it to order by "
                + "several fields", twice.getMessage());
        IllegalStateException reduce = assertThrows(IllegalStateException.class,
                () -> data.groupBy(new Sensor()).sortGroup(new Time(), Order.ASCENDING).reduce((a, b) -> a));
        assertEquals("A reduce combines records in no particular order; sortGroup applies to reduceGroup", reduce.getMessage());
    }
}
