package io.eddy.runtime.iteration;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.dataset.aggregators.LongSumAggregator;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichJoinFunction;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.memory.MemoryManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bulk iterations on the embedded cluster, each against the same loop in plain Java: termination by
 * an empty termination criterion, by an aggregator's convergence criterion, and by the maximum; the
 * superstep numbers and previous aggregates the step function sees; inputs from outside the iteration
 * read again in every superstep; and a feedback far larger than the network buffers.
 */
class BulkIterationITCase {
    @TempDir
    Path spillDir;

    private ExecutionEnvironment env(int parallelism) {
        Configuration config = new Configuration();
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("16mb"));
        config.set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("16kb"));
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());
        return ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(parallelism);
    }

    /**
     * (id, value, superstep): each superstep divides the value by the id's divisor, a data set from
     * outside the iteration, and records the superstep; it ends in the first superstep after which no
     * value is above 1.
     */
    @Test
    void endsInTheSuperstepAfterWhichTheTerminationCriterionIsEmpty() throws Exception {
        List<Tuple3<Long, Long, Integer>> initial = new ArrayList<>();
        List<Tuple2<Long, Long>> divisors = new ArrayList<>();
        for (long id = 0; id < 500; id++) {
            initial.add(Tuple3.of(id, id * 37 + 1, 0));
            divisors.add(Tuple2.of(id, 2 + id % 3));
        }
        ExecutionEnvironment env = env(2);
        IterativeDataSet<Tuple3<Long, Long, Integer>> loop = env.fromCollection(initial).iterate(100);
        DataSet<Tuple3<Long, Long, Integer>> next = loop.join(env.fromCollection(divisors)).where(0).equalTo(0)
                .with(new Divide());
        DataSet<Tuple3<Long, Long, Integer>> aboveOne = next.filter((FilterFunction<Tuple3<Long, Long, Integer>>) t -> t.f1 > 1);
        List<Tuple3<Long, Long, Integer>> actual = sorted(loop.closeWith(next, aboveOne).collect());

        List<Tuple3<Long, Long, Integer>> expected = initial;
        for (int superstep = 1; superstep <= 100; superstep++) {
            List<Tuple3<Long, Long, Integer>> step = new ArrayList<>();
            for (Tuple3<Long, Long, Integer> t : expected) {
                step.add(Tuple3.of(t.f0, t.f1 / (2 + t.f0 % 3), superstep));
            }
            expected = step;
            if (step.stream().noneMatch(t -> t.f1 > 1)) {
                break;
            }
        }
        assertEquals(expected, actual);
        assertSpillDirectoryEmpty();
    }

    private static final class Divide extends RichJoinFunction<Tuple3<Long, Long, Integer>, Tuple2<Long, Long>, Tuple3<Long, Long, Integer>> {
        @Override
        public Tuple3<Long, Long, Integer> join(Tuple3<Long, Long, Integer> value, Tuple2<Long, Long> divisor) {
            return Tuple3.of(value.f0, value.f1 / divisor.f1, getIterationRuntimeContext().getSuperstepNumber());
        }
    }

    /**
     * (id, value, changes counted in the previous superstep): each superstep halves the values and
     * counts those that moved by more than 0.5 in an aggregator; the iteration converges in the first
     * superstep that counts none.
     */
    @Test
    void endsWhenTheAggregatorsConvergenceCriterionHolds() throws Exception {
        List<Tuple3<Long, Double, Long>> initial = new ArrayList<>();
        for (long id = 0; id < 300; id++) {
            initial.add(Tuple3.of(id, (double) (id * id), -1L));
        }
        ExecutionEnvironment env = env(3);
        IterativeDataSet<Tuple3<Long, Double, Long>> loop = env.fromCollection(initial).iterate(1000)
                .registerAggregationConvergenceCriterion("moved", new LongSumAggregator(), (superstep, moved) -> moved == 0);
        List<Tuple3<Long, Double, Long>> actual = sorted(loop.closeWith(loop.map(new Halve())).collect());

        List<Tuple3<Long, Double, Long>> expected = initial;
        Long previous = null;
        for (int superstep = 1; superstep <= 1000; superstep++) {
            List<Tuple3<Long, Double, Long>> step = new ArrayList<>();
            long moved = 0;
            for (Tuple3<Long, Double, Long> t : expected) {
                double half = t.f1 / 2;
                if (t.f1 - half > 0.5) {
                    moved++;
                }
                step.add(Tuple3.of(t.f0, half, previous == null ? -1L : previous));
            }
            expected = step;
            previous = moved;
            if (moved == 0) {
                break;
            }
        }
        assertEquals(expected, actual);
    }

    private static final class Halve extends RichMapFunction<Tuple3<Long, Double, Long>, Tuple3<Long, Double, Long>> {
        private transient LongSumAggregator moved;
        private transient long previous;

        @Override
        public void open(io.eddy.api.functions.rich.OpenContext context) {
            moved = getIterationRuntimeContext().getIterationAggregator("moved");
            Long p = getIterationRuntimeContext().getPreviousIterationAggregate("moved");
            previous = p == null ? -1 : p;
        }

        @Override
        public Tuple3<Long, Double, Long> map(Tuple3<Long, Double, Long> t) {
            double half = t.f1 / 2;
            if (t.f1 - half > 0.5) {
                moved.aggregate(1L);
            }
            return Tuple3.of(t.f0, half, previous);
        }
    }

    /**
     * Each superstep adds the sum of all values (a reduction of the whole data set, with parallelism 1,
     * given to the map as a broadcast set) to every value.
     */
    @Test
    void aWholeDataSetReductionOfTheStepFunctionReachesEverySubtask() throws Exception {
        ExecutionEnvironment env = env(3);
        IterativeDataSet<Long> loop = env.generateSequence(1, 50).iterate(4);
        DataSet<Long> total = loop.reduce(Long::sum);
        DataSet<Long> next = loop.map(new AddTotal()).withBroadcastSet(total, "total");
        List<Long> actual = new ArrayList<>(loop.closeWith(next).collect());
        actual.sort(Comparator.naturalOrder());

        List<Long> expected = new ArrayList<>();
        for (long v = 1; v <= 50; v++) {
            expected.add(v);
        }
        for (int superstep = 0; superstep < 4; superstep++) {
            long sum = expected.stream().mapToLong(Long::longValue).sum();
            expected.replaceAll(v -> v + sum);
        }
        assertEquals(expected, actual);
    }

    private static final class AddTotal extends RichMapFunction<Long, Long> {
        private transient long total;

        @Override
        public void open(io.eddy.api.functions.rich.OpenContext context) {
            total = getRuntimeContext().<Long>getBroadcastVariable("total").get(0);
        }

        @Override
        public Long map(Long value) {
            return value + total;
        }
    }

    /**
     * The k-means pattern: a static input (20,000 numbers from outside the iteration) read by an operation
     * whose broadcast set is the partial solution, a one-record running value. Each superstep maps every
     * number x to x + value, sums them and keeps the sum modulo a prime: the static input reaches every
     * superstep whole, and only once the superstep's broadcast set is complete.
     */
    @Test
    void aStaticInputBehindTheBroadcastPartialSolutionIsReadWholeEverySuperstep() throws Exception {
        ExecutionEnvironment env = env(3);
        DataSet<Long> numbers = env.generateSequence(1, 20_000);
        IterativeDataSet<Long> loop = env.fromElements(7L).iterate(6);
        DataSet<Long> next = numbers.map(new AddBroadcastValue()).withBroadcastSet(loop, "value")
                .reduce(Long::sum)
                .map((MapFunction<Long, Long>) sum -> sum % 1_000_003L).returns(io.eddy.api.types.Types.LONG);
        List<Long> actual = loop.closeWith(next).collect();

        long value = 7;
        for (int superstep = 0; superstep < 6; superstep++) {
            long sum = 0;
            for (long x = 1; x <= 20_000; x++) {
                sum += x + value;
            }
            value = sum % 1_000_003L;
        }
        assertEquals(List.of(value), actual);
        assertSpillDirectoryEmpty();
    }

    private static final class AddBroadcastValue extends RichMapFunction<Long, Long> {
        @Override
        public Long map(Long x) {
            return x + getRuntimeContext().<Long>getBroadcastVariable("value").get(0);
        }
    }

    /**
     * A join of a static input (key, key²) with the partial solution (key, value), with the partial
     * solution also as a broadcast set: each superstep sets value = (key² + value + Σ values) mod a prime.
     * Both sides and the set meet in every superstep.
     */
    @Test
    void aJoinOfAStaticAndADynamicInputWithABroadcastSetMeetsEverySuperstep() throws Exception {
        int keys = 500;
        ExecutionEnvironment env = env(3);
        List<Tuple2<Long, Long>> squares = new ArrayList<>();
        List<Tuple2<Long, Long>> initial = new ArrayList<>();
        for (long k = 0; k < keys; k++) {
            squares.add(Tuple2.of(k, k * k));
            initial.add(Tuple2.of(k, k + 1));
        }
        IterativeDataSet<Tuple2<Long, Long>> loop = env.fromCollection(initial).iterate(4);
        DataSet<Tuple2<Long, Long>> next = env.fromCollection(squares).join(loop).where(0).equalTo(0)
                .with(new AddSquareAndTotal()).withBroadcastSet(loop, "solution");
        List<Tuple2<Long, Long>> actual = new ArrayList<>(loop.closeWith(next).collect());
        actual.sort(Comparator.comparing(t -> t.f0));

        long[] values = new long[keys];
        for (int k = 0; k < keys; k++) {
            values[k] = k + 1;
        }
        for (int superstep = 0; superstep < 4; superstep++) {
            long total = 0;
            for (long v : values) {
                total += v;
            }
            for (int k = 0; k < keys; k++) {
                values[k] = ((long) k * k + values[k] + total) % 1_000_003L;
            }
        }
        List<Tuple2<Long, Long>> expected = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            expected.add(Tuple2.of((long) k, values[k]));
        }
        assertEquals(expected, actual);
    }

    private static final class AddSquareAndTotal
            extends RichJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        private transient long total;

        @Override
        public void open(io.eddy.api.functions.rich.OpenContext context) {
            total = 0;
            for (Tuple2<Long, Long> t : getRuntimeContext().<Tuple2<Long, Long>>getBroadcastVariable("solution")) {
                total += t.f1;
            }
        }

        @Override
        public Tuple2<Long, Long> join(Tuple2<Long, Long> square, Tuple2<Long, Long> current) {
            return Tuple2.of(square.f0, (square.f1 + current.f1 + total) % 1_000_003L);
        }
    }

    /**
     * 400,000 records of about 100 bytes (40 MB) go round the loop three times through a shuffle, much
     * more than the network buffers hold: the tail buffers its feedback instead of waiting for the
     * head, so the loop cannot block itself.
     */
    @Test
    void feedbackFarLargerThanTheNetworkBuffersDoesNotDeadlock() throws Exception {
        int n = 400_000;
        ExecutionEnvironment env = env(2);
        IterativeDataSet<Tuple2<Long, String>> loop = env.generateSequence(0, n - 1)
                .map((MapFunction<Long, Tuple2<Long, String>>) i -> Tuple2.of(i, "x".repeat(90)))
                .returns(io.eddy.api.types.Types.TUPLE(io.eddy.api.types.Types.LONG, io.eddy.api.types.Types.STRING))
                .iterate(3);
        DataSet<Tuple2<Long, String>> next = loop.groupBy(0)
                .reduce((a, b) -> a)
                .map((MapFunction<Tuple2<Long, String>, Tuple2<Long, String>>) t -> Tuple2.of(t.f0 + 1, t.f1))
                .returns(io.eddy.api.types.Types.TUPLE(io.eddy.api.types.Types.LONG, io.eddy.api.types.Types.STRING));
        List<Tuple2<Long, String>> result = loop.closeWith(next).collect();
        assertEquals(n, result.size());
        long sum = 0;
        for (Tuple2<Long, String> t : result) {
            sum += t.f0;
            assertEquals(90, t.f1.length());
        }
        assertEquals((long) n * (n - 1) / 2 + 3L * n, sum);
        assertSpillDirectoryEmpty();
    }

    private static <T extends Tuple3<Long, ?, ?>> List<T> sorted(List<T> records) {
        List<T> copy = new ArrayList<>(records);
        copy.sort(Comparator.comparing(t -> t.f0));
        return copy;
    }

    private void assertSpillDirectoryEmpty() throws Exception {
        try (Stream<Path> files = Files.walk(spillDir)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
    }
}
