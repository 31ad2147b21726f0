package io.eddy.runtime.minicluster;

import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobDetails;
import io.eddy.api.execution.JobExecutionException;
import io.eddy.api.execution.JobStatus;
import io.eddy.api.execution.VertexDetails;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.eddy.testutils.minicluster.MiniClusterExtension.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jobs on a shared embedded cluster of 2 TaskManagers with 2 slots each, asserting exact results. */
class MiniClusterITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 2);

    private static StreamExecutionEnvironment env(int parallelism) {
        StreamExecutionEnvironment env = CLUSTER.env(parallelism);
        return env;
    }

    /** Splits on non-letters, lower-cased; the same rule as the WordCount example. */
    static final class Tokenizer implements FlatMapFunction<String, Tuple2<String, Integer>> {
        @Override
        public void flatMap(String line, Collector<Tuple2<String, Integer>> out) {
            for (String w : line.toLowerCase().split("[^a-z]+")) {
                if (!w.isEmpty()) {
                    out.collect(Tuple2.of(w, 1));
                }
            }
        }
    }

    /** Pairs each element with the index of the subtask that saw it. */
    static final class TagWithSubtask extends RichMapFunction<Long, Tuple2<Integer, Long>> {
        @Override
        public Tuple2<Integer, Long> map(Long value) {
            return Tuple2.of(getRuntimeContext().getIndexOfThisSubtask(), value);
        }
    }

    /** Passes elements through, pausing 5 ms every 1000 of them. */
    static final class SlowIdentity implements MapFunction<String, String> {
        private long seen;

        @Override
        public String map(String value) throws Exception {
            if (++seen % 1000 == 0) {
                Thread.sleep(5);
            }
            return value;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void wordCountMatchesAnIndependentCount(int parallelism, @TempDir Path dir) throws Exception {
        Random random = new Random(42 + parallelism);
        String[] vocabulary = new String[500];
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int c = 1 + random.nextInt(8); c > 0; c--) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            vocabulary[i] = word.toString();
        }
        List<String> lines = new ArrayList<>();
        for (int l = 0; l < 20_000; l++) {
            StringBuilder line = new StringBuilder();
            for (int w = random.nextInt(12); w > 0; w--) {
                String word = vocabulary[(int) Math.abs(random.nextGaussian() * 80) % vocabulary.length];
                line.append(random.nextBoolean() ? word.toUpperCase() : word).append(random.nextBoolean() ? ", " : " 1 ");
            }
            lines.add(line.toString());
        }
        Path input = dir.resolve("input.txt");
        Files.write(input, lines);
        // recount independently with the same tokenization the job uses
        Map<String, Integer> independent = new TreeMap<>();
        int tokens = 0;
        for (String line : lines) {
            for (String w : line.toLowerCase().split("[^a-z]+")) {
                if (!w.isEmpty()) {
                    independent.merge(w, 1, Integer::sum);
                    tokens++;
                }
            }
        }

        StreamExecutionEnvironment env = env(parallelism);
        List<Tuple2<String, Integer>> updates = collect(env.readTextFile(input.toString())
                .flatMap(new Tokenizer())
                .keyBy(t -> t.f0)
                .sum(1));

        Map<String, Integer> finalCounts = new TreeMap<>();
        for (Tuple2<String, Integer> u : updates) {
            finalCounts.merge(u.f0, u.f1, Math::max);
        }
        assertEquals(tokens, updates.size(), "one update per word occurrence");
        assertEquals(independent, finalCounts);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void keyedSumGivesExactTotals(int parallelism) throws Exception {
        StreamExecutionEnvironment env = env(parallelism);
        List<Tuple2<Long, Long>> updates = collect(env.fromSequence(0, 99_999)
                .map(i -> Tuple2.of(i % 7, i))
                .returns(Types.TUPLE(Types.LONG, Types.LONG))
                .keyBy(0)
                .sum(1));
        Map<Long, Long> last = new HashMap<>();
        updates.forEach(u -> last.put(u.f0, u.f1));
        Map<Long, Long> expected = new HashMap<>();
        for (long i = 0; i < 100_000; i++) {
            expected.merge(i % 7, i, Long::sum);
        }
        assertEquals(100_000, updates.size());
        assertEquals(expected, last);
    }

    @Test
    void unionMergesAllElements() throws Exception {
        StreamExecutionEnvironment env = env(2);
        DataStream<Long> a = env.fromSequence(0, 999);
        DataStream<Long> b = env.fromSequence(1000, 1999).map(x -> x);
        DataStream<Long> c = env.fromElements(5000L, 5001L);
        List<Long> all = collect(a.union(b, c).map(x -> x + 1));
        all.sort(Long::compare);
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= 2000; i++) {
            expected.add(i);
        }
        expected.add(5001L);
        expected.add(5002L);
        assertEquals(expected, all);
    }

    @Test
    void rebalanceSpreadsEveryElementExactlyOnce() throws Exception {
        StreamExecutionEnvironment env = env(4);
        List<Tuple2<Integer, Long>> tagged = collect(env.fromSequence(0, 9_999).setParallelism(1)
                .rebalance()
                .map(new TagWithSubtask()));
        Set<Long> seen = new HashSet<>();
        Map<Integer, Integer> perSubtask = new HashMap<>();
        for (Tuple2<Integer, Long> t : tagged) {
            assertTrue(seen.add(t.f1), "duplicate " + t.f1);
            perSubtask.merge(t.f0, 1, Integer::sum);
        }
        assertEquals(10_000, seen.size());
        assertEquals(4, perSubtask.size());
        perSubtask.values().forEach(n -> assertEquals(2500, n, "round robin gives each subtask a quarter"));
    }

    @Test
    void broadcastDeliversEveryElementToEverySubtask() throws Exception {
        StreamExecutionEnvironment env = env(3);
        List<Tuple2<Integer, Long>> tagged = collect(env.fromSequence(1, 100).setParallelism(1)
                .broadcast()
                .map(new TagWithSubtask()));
        Map<Integer, Long> sumPerSubtask = new HashMap<>();
        tagged.forEach(t -> sumPerSubtask.merge(t.f0, t.f1, Long::sum));
        assertEquals(300, tagged.size());
        assertEquals(Map.of(0, 5050L, 1, 5050L, 2, 5050L), sumPerSubtask);
    }

    @Test
    void userExceptionFailsTheJobWithItsStackTrace() {
        StreamExecutionEnvironment env = env(2);
        env.fromSequence(0, 1000)
                .map(x -> {
                    if (x == 420) {
                        throw new IllegalStateException("boom at " + x);
                    }
                    return x;
                })
                .sinkTo(new io.eddy.api.connector.sink.DiscardingSink<>());
        JobExecutionException e = assertThrows(JobExecutionException.class, () -> env.execute("failing"));
        assertEquals(JobStatus.FAILED, e.getStatus());
        assertTrue(e.getCause() instanceof IllegalStateException, "cause: " + e.getCause());
        assertEquals("boom at 420", e.getCause().getMessage());
        StringWriter trace = new StringWriter();
        e.getCause().printStackTrace(new PrintWriter(trace));
        assertTrue(trace.toString().contains("MiniClusterITCase.lambda$"), trace.toString());
        assertEquals(4, CLUSTER.cluster().getJobManager().getFreeSlots(), "slots are released after the failure");
    }

    @Test
    void cancelStopsEveryTask() throws Exception {
        StreamExecutionEnvironment env = env(2);
        env.fromSequence(0, Long.MAX_VALUE - 1)
                .map(x -> x + 1)
                .keyBy(x -> x % 10)
                .reduce(Long::sum)
                .sinkTo(new io.eddy.api.connector.sink.DiscardingSink<>());
        JobClient client = env.executeAsync("endless");
        long deadline = System.currentTimeMillis() + 10_000;
        while (recordsInto(client, 1) < 10_000 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(recordsInto(client, 1) >= 10_000, "records flow before cancelling");
        client.cancel().get();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.getJobExecutionResult().get(10, TimeUnit.SECONDS));
        assertEquals(JobStatus.CANCELED, ((JobExecutionException) e.getCause()).getStatus());
        assertEquals(JobStatus.CANCELED, client.getJobStatus().get());
        assertEquals(4, CLUSTER.cluster().getJobManager().getFreeSlots());
    }

    private static long recordsInto(JobClient client, int vertex) throws Exception {
        JobDetails details = client.getJobDetails().get();
        return details.vertices().size() > vertex ? details.vertices().get(vertex).recordsIn() : 0;
    }

    @Test
    void slowSinkBackPressuresAFastSourceWithBoundedBuffering() throws Exception {
        StreamExecutionEnvironment env = env(1);
        String payload = "x".repeat(1000);
        env.fromSequence(0, 199_999)
                .map(i -> payload + i)
                .rebalance()
                .map(new SlowIdentity())
                .sinkTo(new io.eddy.api.connector.sink.DiscardingSink<>());
        JobClient client = env.executeAsync("back-pressure");
        long maxInFlight = 0;
        double maxBackPressure = 0;
        while (!client.getJobExecutionResult().isDone()) {
            JobDetails details = client.getJobDetails().get();
            List<VertexDetails> v = details.vertices();
            maxInFlight = Math.max(maxInFlight, v.get(0).recordsOut() - v.get(1).recordsIn());
            maxBackPressure = Math.max(maxBackPressure, v.get(0).backpressureRatio());
            Thread.sleep(50);
        }
        client.getJobExecutionResult().get();
        // one exchange of 1 channel holds at most (2 + 8) buffers of 32 KiB: about 330 records of 1 KB
        assertTrue(maxInFlight <= 1000, "records in flight stay bounded by the buffers, were " + maxInFlight);
        assertTrue(maxBackPressure > 0.5, "the source is back-pressured, ratio " + maxBackPressure);
    }

    @Test
    void lambdaWithErasedOutputTypeWorksWithReturns() throws Exception {
        StreamExecutionEnvironment env = env(2);
        List<Tuple2<Long, Long>> out = collect(env.fromSequence(1, 10)
                .map(x -> Tuple2.of(x % 2, x))
                .returns(Types.TUPLE(Types.LONG, Types.LONG))
                .keyBy(t -> t.f0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1)));
        Map<Long, Long> last = new HashMap<>();
        out.forEach(t -> last.put(t.f0, t.f1));
        assertEquals(Map.of(0L, 30L, 1L, 25L), last);
    }
}
