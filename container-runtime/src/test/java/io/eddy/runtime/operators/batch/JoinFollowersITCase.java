package io.eddy.runtime.operators.batch;

import io.eddy.api.dataset.CoGroup;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.JoinHint;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.rich.RichGroupReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.Types;
import io.eddy.runtime.metrics.MetricNames;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What consumes or keys two-input operations: a co-group keyed by {@link KeySelector}s (on either or
 * both sides, of records that are POJOs or tuples), and a {@code mapPartition} after a join, which
 * keeps the join's output in its managed memory while it fits. Results are checked against plain Java.
 */
class JoinFollowersITCase {
    @TempDir
    Path spillDir;

    /** An order line, a POJO: no field positions to key it by. */
    public static final class Line {
        public String customer;
        public long cents;

        public Line() {}

        Line(String customer, long cents) {
            this.customer = customer;
            this.cents = cents;
        }
    }

    private static final class Customer implements KeySelector<Line, String> {
        @Override
        public String getKey(Line line) {
            return line.customer;
        }
    }

    private ExecutionEnvironment env(String managedMemory) {
        return SmallManagedMemory.environment(managedMemory, spillDir);
    }

    /**
     * Lines (POJOs) co-grouped with (customer, region) tuples: per customer on either side, the number of
     * lines, their total and the regions. Keyed by a selector on the left and field 0 on the right, by a
     * selector on both, or (tuples on the left) field 0 against a selector.
     */
    @ParameterizedTest(name = "left {0}, right {1}")
    @CsvSource({"selector, field", "selector, selector", "field, selector"})
    void aCoGroupKeyedBySelectorsGroupsLikeAPlainMap(String leftKey, String rightKey) throws Exception {
        SplittableRandom random = new SplittableRandom(leftKey.hashCode() * 31L + rightKey.hashCode());
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            lines.add(new Line("c" + random.nextInt(3000), random.nextInt(10_000)));
        }
        List<Tuple2<String, String>> regions = new ArrayList<>();
        for (int c = 1500; c < 4000; c++) {
            regions.add(Tuple2.of("c" + c, "r" + (c % 7)));
            if (c % 5 == 0) {
                regions.add(Tuple2.of("c" + c, "r" + (c % 11)));
            }
        }
        ExecutionEnvironment env = env("16mb");
        DataSet<Tuple2<String, String>> right = env.fromCollection(regions);
        List<Tuple3<String, Long, String>> actual;
        if (leftKey.equals("field")) {
            DataSet<Tuple2<String, Long>> left = env.fromCollection(lines)
                    .map(l -> Tuple2.of(l.customer, l.cents)).returns(Types.TUPLE(Types.STRING, Types.LONG));
            actual = left.coGroup(right).where(0).equalTo(new RegionCustomer())
                    .with(new Summary<Tuple2<String, Long>>(t -> t.f0, t -> t.f1)).collect();
        } else {
            CoGroup<Line, Tuple2<String, String>> keyed = env.fromCollection(lines).coGroup(right).where(new Customer());
            keyed = rightKey.equals("field") ? keyed.equalTo(0) : keyed.equalTo(new RegionCustomer());
            actual = keyed.with(new Summary<Line>(l -> l.customer, l -> l.cents)).collect();
        }

        Map<String, long[]> totals = new TreeMap<>();
        Map<String, TreeSet<String>> regionsOf = new TreeMap<>();
        for (Line l : lines) {
            long[] t = totals.computeIfAbsent(l.customer, c -> new long[2]);
            t[0]++;
            t[1] += l.cents;
        }
        for (Tuple2<String, String> r : regions) {
            totals.computeIfAbsent(r.f0, c -> new long[2]);
            regionsOf.computeIfAbsent(r.f0, c -> new TreeSet<>()).add(r.f1);
        }
        List<Tuple3<String, Long, String>> expected = new ArrayList<>();
        totals.forEach((customer, t) -> expected.add(Tuple3.of(customer, t[0] * 1_000_000 + t[1],
                String.join("+", regionsOf.getOrDefault(customer, new TreeSet<>())))));
        List<Tuple3<String, Long, String>> sorted = new ArrayList<>(actual);
        sorted.sort((a, b) -> a.f0.compareTo(b.f0));
        assertEquals(expected.size(), sorted.size(), "one result per customer on either side");
        assertEquals(expected, sorted);
    }

    private static final class RegionCustomer implements KeySelector<Tuple2<String, String>, String> {
        @Override
        public String getKey(Tuple2<String, String> region) {
            return region.f0;
        }
    }

    /** (customer, lines * 1e6 + cents, regions sorted and joined by '+'), from whichever side has the customer. */
    private static final class Summary<L> implements CoGroupFunction<L, Tuple2<String, String>, Tuple3<String, Long, String>> {
        private final SerializableFunction<L, String> customer;
        private final SerializableFunction<L, Long> cents;

        Summary(SerializableFunction<L, String> customer, SerializableFunction<L, Long> cents) {
            this.customer = customer;
            this.cents = cents;
        }

        @Override
        public void coGroup(Iterable<L> lines, Iterable<Tuple2<String, String>> regions,
                Collector<Tuple3<String, Long, String>> out) {
            String name = null;
            long count = 0;
            long total = 0;
            for (L line : lines) {
                name = customer.apply(line);
                count++;
                total += cents.apply(line);
            }
            TreeSet<String> names = new TreeSet<>();
            for (Tuple2<String, String> region : regions) {
                name = region.f0;
                names.add(region.f1);
            }
            out.collect(Tuple3.of(name, count * 1_000_000 + total, String.join("+", names)));
        }
    }

    private interface SerializableFunction<A, B> extends java.util.function.Function<A, B>, java.io.Serializable {}

    /**
     * A join of 60,000 orders with 20,000 customers (hybrid hash join, or sort-merge), its output read by a
     * {@code mapPartition} that sums each subtask's pairs: with 32 MB of managed memory the pairs stay in
     * the mapPartition's pages (no byte goes to a spill file); with 2 MB most of them spill, and the sums
     * are the same.
     */
    @ParameterizedTest(name = "{0}, {1} managed")
    @CsvSource({"OPTIMIZER_CHOOSES, 32mb, false", "REPARTITION_SORT_MERGE, 32mb, false", "OPTIMIZER_CHOOSES, 2mb, true"})
    void aMapPartitionAfterAJoinKeepsItsInputInMemoryWhileItFits(JoinHint hint, String memory, boolean spills)
            throws Exception {
        ExecutionEnvironment env = env(memory);
        DataSet<Tuple2<Long, Long>> customers = env.generateSequence(0, 19_999)
                .map(c -> Tuple2.of(c, c % 97)).returns(Types.TUPLE(Types.LONG, Types.LONG));
        DataSet<Tuple2<Long, Long>> orders = env.generateSequence(0, 59_999)
                .map(o -> Tuple2.of((o * 7_919) % 20_000, o)).returns(Types.TUPLE(Types.LONG, Types.LONG));
        List<Tuple3<Long, Long, Long>> partitions = orders.join(customers, hint).where(0).equalTo(0)
                .with((JoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>>) (o, c) -> Tuple2.of(o.f1, c.f1))
                .returns(Types.TUPLE(Types.LONG, Types.LONG))
                .mapPartition(new SumWithSpill()).collect();

        long pairs = 0;
        long sum = 0;
        long spilled = 0;
        for (Tuple3<Long, Long, Long> p : partitions) {
            pairs += p.f0;
            sum += p.f1;
            spilled += p.f2;
        }
        long expectedSum = 0;
        for (long o = 0; o < 60_000; o++) {
            expectedSum += o * 100 + ((o * 7_919) % 20_000) % 97;
        }
        assertEquals(2, partitions.size(), "one result per subtask");
        assertEquals(60_000, pairs);
        assertEquals(expectedSum, sum);
        if (spills) {
            assertTrue(spilled > 0, "2 MB of managed memory cannot hold the pairs, yet nothing spilled");
        } else {
            assertEquals(0, spilled, "bytes of the join's output the mapPartition wrote to disk");
        }
    }

    /** (pairs, sum of order * 100 + segment, bytes spilled) of the subtask's partition. */
    private static final class SumWithSpill extends RichGroupReduceFunction<Tuple2<Long, Long>, Tuple3<Long, Long, Long>> {
        @Override
        public void reduce(Iterable<Tuple2<Long, Long>> pairs, Collector<Tuple3<Long, Long, Long>> out) {
            long count = 0;
            long sum = 0;
            for (Tuple2<Long, Long> p : pairs) {
                count++;
                sum += p.f0 * 100 + p.f1;
            }
            long spilled = getRuntimeContext().getMetricGroup().counter(MetricNames.SPILLED_BYTES).getCount();
            out.collect(Tuple3.of(count, sum, spilled));
        }
    }
}
