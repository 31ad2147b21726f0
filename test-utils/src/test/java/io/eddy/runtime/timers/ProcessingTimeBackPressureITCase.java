package io.eddy.runtime.timers;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.connector.sink.Sink;
import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.SinkWriter;
import io.eddy.api.connector.source.Boundedness;
import io.eddy.api.connector.source.InputStatus;
import io.eddy.api.connector.source.Source;
import io.eddy.api.connector.source.SourceOutput;
import io.eddy.api.connector.source.SourceReader;
import io.eddy.api.connector.source.SourceReaderContext;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.JobClient;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.process.KeyedProcessFunction;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.Types;
import io.eddy.runtime.exchange.NetworkOptions;
import io.eddy.runtime.metrics.MetricDump;
import io.eddy.runtime.metrics.MetricNames;
import io.eddy.runtime.minicluster.LocalExecutorFactory;
import io.eddy.runtime.minicluster.MiniCluster;
import io.eddy.runtime.minicluster.MiniClusterOptions;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Processing-time timers falling due every millisecond, each firing emitting a few buffers' worth
 * of records, in front of consumers far slower than that: the timer task is back-pressured nearly
 * all the time. Timers fire as elements are processed, only once an output buffer is free, so the
 * task keeps within its output's buffer pool (no overdraft buffer is ever taken), and every record
 * of every firing arrives exactly once. A task that ran each timer as soon as its mail came would
 * start firings with the pool dry, and overdraw it whenever the next timer's mail waited. Each
 * firing registers a timer already due (one millisecond after the last, which is past), so the
 * test also covers timers that run on the timer thread before their registration returned
 * (repeated, as that order depends on the scheduler). With the timers a few milliseconds apart
 * instead, the next one falls due after a firing ended with the pool dry and the idle input
 * suspended the task: the timer must still wake it.
 */
class ProcessingTimeBackPressureITCase {
    private static final int KEYS = 4;
    private static final int FIRINGS = 20;
    /** Records per firing: about 3 buffers of 4 KB, against a pool of 12. */
    private static final int PER_FIRING = 1_000;
    private static final long TOTAL = (long) KEYS * FIRINGS * PER_FIRING;
    private static final String TIMER_TASK = "frequent timers";

    /** Completed by the test once it read the timer task's metrics: the source ends then. */
    static volatile CompletableFuture<Void> release = new CompletableFuture<>();
    static final Queue<Long> RECEIVED = new ConcurrentLinkedQueue<>();

    private MiniCluster cluster;

    @AfterEach
    void stopCluster() {
        release.complete(null);
        LocalExecutorFactory.useSharedCluster(null);
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Emits the keys {@code 0..KEYS-1}, then nothing until the test completes {@link #release}. */
    static final class KeysUntilReleased implements Source<Long, Integer> {
        @Override
        public Boundedness getBoundedness() {
            return Boundedness.BOUNDED;
        }

        @Override
        public List<Integer> createSplits(int parallelism) {
            return List.of(0);
        }

        @Override
        public SourceReader<Long, Integer> createReader(SourceReaderContext context) {
            return new SourceReader<>() {
                private long next;

                @Override
                public void addSplits(List<Integer> splits) {}

                @Override
                public InputStatus pollNext(SourceOutput<Long> output) {
                    if (next < KEYS) {
                        output.collect(next++);
                        return InputStatus.MORE_AVAILABLE;
                    }
                    return release.isDone() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
                }

                @Override
                public CompletableFuture<Void> isAvailable() {
                    return next < KEYS ? CompletableFuture.completedFuture(null) : release;
                }

                @Override
                public List<Integer> snapshotState(long checkpointId) {
                    return List.of();
                }
            };
        }
    }

    /**
     * Per key, {@link #FIRINGS} timers, each emitting the next {@link #PER_FIRING} numbers of the key
     * and registering the next timer: one millisecond after its own time (already past, so due at
     * once) when {@code gapMs} is 0, else {@code gapMs} after the firing ended.
     */
    static final class FrequentTimers extends KeyedProcessFunction<Long, Long, Long> {
        private final long gapMs;
        private transient ValueState<Integer> fired;

        FrequentTimers(long gapMs) {
            this.gapMs = gapMs;
        }

        @Override
        public void open(OpenContext context) {
            fired = getRuntimeContext().getState(new ValueStateDescriptor<>("fired", Types.INT));
        }

        @Override
        public void processElement(Long key, Context ctx, Collector<Long> out) {
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 1);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Long> out) throws Exception {
            int firing = fired.value() == null ? 0 : fired.value();
            long first = (ctx.getCurrentKey() * FIRINGS + firing) * PER_FIRING;
            for (long v = first; v < first + PER_FIRING; v++) {
                out.collect(v);
            }
            fired.update(firing + 1);
            if (firing + 1 < FIRINGS) {
                ctx.timerService().registerProcessingTimeTimer(
                        gapMs == 0 ? timestamp + 1 : ctx.timerService().currentProcessingTime() + gapMs);
            }
        }
    }

    /** Passes records on, sleeping a millisecond every 20th. */
    static final class Slow extends RichMapFunction<Long, Long> {
        private long seen;

        @Override
        public Long map(Long value) throws Exception {
            if (++seen % 20 == 0) {
                Thread.sleep(1);
            }
            return value;
        }
    }

    static final class Receive implements Sink<Long> {
        @Override
        public SinkWriter<Long> createWriter(SinkContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Long element, long timestamp) {
                    RECEIVED.add(element);
                }

                @Override
                public void close() {}
            };
        }
    }

    @RepeatedTest(3)
    void frequentTimersBehindSlowConsumersKeepWithinTheBufferPoolAndEmitEveryRecordOnce() throws Exception {
        runAndCheck(new FrequentTimers(0));
    }

    /**
     * Each firing leaves the pool dry and no timer due, so the task suspends on its idle input; the
     * next timer, due a few milliseconds later, must wake it (a task that skipped that wake-up while
     * it still had to leave its batch left firings unfired for a minute: this test failed so).
     */
    @Test
    void aTimerFallingDueWhileTheIdleTaskWaitsAfterABackPressuredFiringStillFires() throws Exception {
        runAndCheck(new FrequentTimers(3));
    }

    private void runAndCheck(FrequentTimers timers) throws Exception {
        release = new CompletableFuture<>();
        RECEIVED.clear();
        Configuration config = new Configuration();
        config.set(MiniClusterOptions.NUM_TASK_MANAGERS, 1);
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 4);
        config.set(NetworkOptions.BUFFER_SIZE, MemorySize.parse("4096b"));
        cluster = new MiniCluster(config);
        LocalExecutorFactory.useSharedCluster(cluster);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.fromSource(new KeysUntilReleased(), "keys", Types.LONG).setParallelism(1)
                .keyBy(key -> key, Types.LONG)
                .process(timers, Types.LONG).name(TIMER_TASK).setParallelism(1)
                .rebalance()
                .map(new Slow()).returns(Types.LONG).setParallelism(2)
                .sinkTo(new Receive()).setParallelism(2);
        JobClient client = env.executeAsync("processing-time timers under back-pressure");
        CompletableFuture<?> result = client.getJobExecutionResult();

        // every firing is done: the timer task still runs (its input is open), so its metrics are there
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (RECEIVED.size() < TOTAL && !result.isDone()) {
            assertTrue(System.nanoTime() < deadline, "only " + RECEIVED.size() + " of " + TOTAL
                    + " records arrived within a minute; firings received "
                    + new TreeSet<>(RECEIVED.stream().map(v -> v / PER_FIRING).toList()));
            Thread.sleep(20);
        }
        List<String> overdrafts = timerTaskOverdrafts();
        release.complete(null);
        result.get(2, TimeUnit.MINUTES);

        assertFalse(overdrafts.isEmpty(), "no " + MetricNames.OUTPUT_POOL_OVERDRAFTS + " metric of " + TIMER_TASK);
        assertEquals(List.of("0"), overdrafts, "overdraft buffers the timer task took beyond its pool");
        List<Long> expected = new ArrayList<>();
        for (long v = 0; v < TOTAL; v++) {
            expected.add(v);
        }
        List<Long> received = new ArrayList<>(RECEIVED);
        received.sort(null);
        assertEquals(expected, received);
    }

    private List<String> timerTaskOverdrafts() {
        List<String> values = new ArrayList<>();
        for (MetricDump.Entry entry : cluster.getTaskManagers().get(0).dumpMetrics().entries()) {
            String task = entry.variables().get("task_name");
            if (entry.name().equals(MetricNames.OUTPUT_POOL_OVERDRAFTS) && task != null && task.contains(TIMER_TASK)) {
                values.add(entry.value());
            }
        }
        return values;
    }
}
