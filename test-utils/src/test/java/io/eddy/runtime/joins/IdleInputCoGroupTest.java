package io.eddy.runtime.joins;

import io.eddy.api.connector.source.Boundedness;
import io.eddy.api.connector.source.InputStatus;
import io.eddy.api.connector.source.Source;
import io.eddy.api.connector.source.SourceOutput;
import io.eddy.api.connector.source.SourceReader;
import io.eddy.api.connector.source.SourceReaderContext;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.process.ProcessFunction;
import io.eddy.api.types.Types;
import io.eddy.api.windowing.assigners.TumblingEventTimeWindows;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import static io.eddy.testutils.minicluster.MiniClusterExtension.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A window co-group of a busy input and one that goes quiet: the quiet input, marked idle
 * ({@code withIdleness}), must not hold back the watermark. Timing-free: the busy input stops
 * halfway and waits at a gate that only the first window result opens, so the job can only finish
 * if a window fired while the quiet input had nothing to say.
 */
class IdleInputCoGroupTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    /** Opened by the first window result; the tasks run in this JVM, so they see this instance. */
    private static volatile CompletableFuture<Void> gate;
    /** The result that opened the gate. */
    private static final AtomicReference<String> FIRED_WHILE_WAITING = new AtomicReference<>();

    @BeforeEach
    void closeGate() {
        gate = new CompletableFuture<>();
        FIRED_WHILE_WAITING.set(null);
    }

    /** Emits the timestamps {@code beforeGate}, waits for the gate, then emits {@code afterGate}. */
    record GatedSource(long[] beforeGate, long[] afterGate) implements Source<Long, GatedSource.Rest> {
        /** What is left to emit. */
        record Rest(long[] beforeGate, long[] afterGate) implements Serializable {}

        @Override
        public Boundedness getBoundedness() {
            return Boundedness.BOUNDED;
        }

        @Override
        public List<Rest> createSplits(int parallelism) {
            return List.of(new Rest(beforeGate, afterGate));
        }

        @Override
        public int getMaxParallelism() {
            return 1;
        }

        @Override
        public SourceReader<Long, Rest> createReader(SourceReaderContext context) {
            return new SourceReader<>() {
                private long[] before = new long[0];
                private long[] after = new long[0];
                private int next;

                @Override
                public void addSplits(List<Rest> splits) {
                    before = splits.get(0).beforeGate();
                    after = splits.get(0).afterGate();
                }

                @Override
                public InputStatus pollNext(SourceOutput<Long> output) {
                    if (next < before.length) {
                        output.collect(before[next], before[next]);
                        next++;
                        return InputStatus.MORE_AVAILABLE;
                    }
                    if (!gate.isDone()) {
                        return InputStatus.NOTHING_AVAILABLE;
                    }
                    if (next < before.length + after.length) {
                        long ts = after[next - before.length];
                        output.collect(ts, ts);
                        next++;
                        return InputStatus.MORE_AVAILABLE;
                    }
                    return InputStatus.END_OF_INPUT;
                }

                @Override
                public CompletableFuture<Void> isAvailable() {
                    return gate;
                }

                @Override
                public List<Rest> snapshotState(long checkpointId) {
                    int done = Math.min(next, before.length);
                    return List.of(new Rest(Arrays.copyOfRange(before, done, before.length),
                            Arrays.copyOfRange(after, next - done, after.length)));
                }
            };
        }
    }

    /** "elementsOfFirst elementsOfSecond" per window. */
    static final class Count implements CoGroupFunction<Long, Long, String> {
        @Override
        public void coGroup(Iterable<Long> first, Iterable<Long> second, Collector<String> out) {
            out.collect(count(first) + " " + count(second));
        }

        private static int count(Iterable<Long> elements) {
            int n = 0;
            for (Long ignored : elements) {
                n++;
            }
            return n;
        }
    }

    static final class WithTimestamp extends ProcessFunction<String, String> {
        @Override
        public void processElement(String value, Context ctx, Collector<String> out) {
            out.collect(value + " @" + ctx.timestamp());
        }
    }

    /** Lets the busy source go on; remembers the result that did. */
    static final class OpenGate implements MapFunction<String, String> {
        @Override
        public String map(String result) {
            if (gate.complete(null)) {
                FIRED_WHILE_WAITING.set(result);
            }
            return result;
        }
    }

    private static DataStream<Long> input(StreamExecutionEnvironment env, String name, GatedSource source,
            WatermarkStrategy<Long> watermarks) {
        return env.fromSource(source, name, Types.LONG)
                .assignTimestampsAndWatermarks(watermarks); // the timestamps are the source's
    }

    @Test
    void windowsFireWhileOneInputIsIdle() {
        StreamExecutionEnvironment env = CLUSTER.env(1);
        // busy: one element every 10 ms; it stops at 1990 until a window has fired
        DataStream<Long> busy = input(env, "Busy", new GatedSource(LongStream.range(0, 200).map(i -> i * 10).toArray(),
                LongStream.range(200, 400).map(i -> i * 10).toArray()), WatermarkStrategy.forMonotonousTimestamps());
        // quiet: two early elements, then nothing until the end; idle after 100 ms without elements
        DataStream<Long> quiet = input(env, "Quiet", new GatedSource(new long[] {100, 200}, new long[0]),
                WatermarkStrategy.<Long>forMonotonousTimestamps().withIdleness(Duration.ofMillis(100)));
        DataStream<String> results = busy.coGroup(quiet)
                .where(v -> 0, Types.INT)
                .equalTo(v -> 0, Types.INT)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(1000)))
                .apply(new Count())
                .process(new WithTimestamp())
                .map(new OpenGate());

        List<String> actual = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> collect(results),
                "No window fired while the busy input waited at 1990 ms: the quiet input, though idle, "
                        + "held back the watermark");
        assertEquals("100 2 @999", FIRED_WHILE_WAITING.get(),
                "the first window fired with the quiet input idle and the busy input waiting");
        assertEquals(List.of("100 2 @999", "100 0 @1999", "100 0 @2999", "100 0 @3999"), actual);
    }
}
