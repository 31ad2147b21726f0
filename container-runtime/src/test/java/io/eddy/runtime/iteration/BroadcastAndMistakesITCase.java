package io.eddy.runtime.iteration;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.DeltaIteration;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichJoinFunction;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broadcast sets on one- and two-input operations (every subtask reads all of a set), and the user
 * mistakes around iterations, each with its one message.
 */
class BroadcastAndMistakesITCase {
    private static ExecutionEnvironment env() {
        return ExecutionEnvironment.getExecutionEnvironment().setParallelism(3);
    }

    @Test
    void everySubtaskReadsTheWholeBroadcastSet() throws Exception {
        ExecutionEnvironment env = env();
        DataSet<Long> offsets = env.generateSequence(1, 10);
        List<Long> actual = env.generateSequence(0, 999)
                .map(new AddSumOfBroadcast()).withBroadcastSet(offsets, "offsets")
                .collect().stream().sorted().collect(Collectors.toList());
        assertEquals(LongStream.range(0, 1000).map(x -> x + 55).boxed().collect(Collectors.toList()), actual);
    }

    private static final class AddSumOfBroadcast extends RichMapFunction<Long, Long> {
        private transient long sum;

        @Override
        public void open(io.eddy.api.functions.rich.OpenContext context) {
            sum = getRuntimeContext().<Long>getBroadcastVariable("offsets").stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public Long map(Long value) {
            return value + sum;
        }
    }

    @Test
    void aJoinReadsItsBroadcastSetThroughAnInitializer() throws Exception {
        ExecutionEnvironment env = env();
        List<Tuple2<Long, Long>> left = new ArrayList<>();
        List<Tuple2<Long, Long>> right = new ArrayList<>();
        for (long i = 0; i < 200; i++) {
            left.add(Tuple2.of(i, i));
            right.add(Tuple2.of(i, 2 * i));
        }
        DataSet<Long> factors = env.fromElements(3L, 4L);
        List<Long> actual = env.fromCollection(left).join(env.fromCollection(right)).where(0).equalTo(0)
                .with(new ScaledSum()).withBroadcastSet(factors, "factors")
                .collect().stream().sorted().collect(Collectors.toList());
        assertEquals(LongStream.range(0, 200).map(i -> 12 * (i + 2 * i)).boxed().collect(Collectors.toList()), actual);
    }

    private static final class ScaledSum extends RichJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Long> {
        @Override
        public Long join(Tuple2<Long, Long> a, Tuple2<Long, Long> b) {
            long product = getRuntimeContext().getBroadcastVariableWithInitializer("factors",
                    (Iterable<Long> factors) -> {
                        long p = 1;
                        for (long f : factors) {
                            p *= f;
                        }
                        return p;
                    });
            return product * (a.f1 + b.f1);
        }
    }

    @Test
    void anIterationWithoutCloseWithIsNamed() {
        ExecutionEnvironment env = env();
        IterativeDataSet<Long> loop = env.generateSequence(0, 9).iterate(5);
        DataSet<Long> step = loop.map((MapFunction<Long, Long>) x -> x + 1).returns(Types.LONG);
        String message = messageOf(assertThrows(Exception.class, step::collect));
        assertTrue(message.contains("iteration started with iterate(5)") && message.contains("is never closed")
                && message.contains("closeWith"), message);
        assertTrue(message.contains("BroadcastAndMistakesITCase"), "names where the program created it: " + message);
    }

    @Test
    void aDataSetOfTheStepFunctionUsedAfterTheIterationIsNamed() {
        ExecutionEnvironment env = env();
        IterativeDataSet<Long> loop = env.generateSequence(0, 9).iterate(5);
        DataSet<Long> step = loop.map((MapFunction<Long, Long>) x -> x + 1).returns(Types.LONG);
        loop.closeWith(step);
        String message = messageOf(assertThrows(Exception.class, step::collect));
        assertTrue(message.contains("uses a data set of the step function") && message.contains("outside the iteration")
                && message.contains("what closeWith(...) returns"), message);
    }

    @Test
    void aSolutionSetKeyOutOfRangeIsNamed() {
        ExecutionEnvironment env = env();
        DataSet<Tuple2<Long, Long>> set = env.fromElements(Tuple2.of(1L, 2L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set.iterateDelta(set, 10, 2));
        assertTrue(e.getMessage().contains("key position 2 is out of range") && e.getMessage().contains("fields 0 to 1"),
                e.getMessage());
    }

    @Test
    void aJoinWithTheSolutionSetOnAnotherFieldIsNamed() {
        ExecutionEnvironment env = env();
        DataSet<Tuple2<Long, Long>> set = env.fromElements(Tuple2.of(1L, 2L));
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = set.iterateDelta(set, 10, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> iteration.getWorkset().join(iteration.getSolutionSet()).where(0).equalTo(1));
        assertTrue(e.getMessage().contains("The solution set is keyed by fields [0]") && e.getMessage().contains("equalTo(0)"),
                e.getMessage());
    }

    private static String messageOf(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
