package io.eddy.examples;

import io.eddy.api.connector.source.Boundedness;
import io.eddy.api.connector.source.InputStatus;
import io.eddy.api.connector.source.Source;
import io.eddy.api.connector.source.SourceOutput;
import io.eddy.api.connector.source.SourceReader;
import io.eddy.api.connector.source.SourceReaderContext;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.SingleOutputStreamOperator;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.functions.AggregateFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.api.windowing.assigners.TumblingEventTimeWindows;
import io.eddy.api.windowing.functions.ProcessWindowFunction;
import io.eddy.api.windowing.windows.TimeWindow;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Clicks per page per minute in event time. The clicks are generated: spread over
 * {@link #SPAN} of event time, each up to {@link #MAX_DELAY} behind its place in the stream, plus
 * a few that are {@link #STRAGGLER_DELAY} behind (a phone that was offline). Watermarks allow for
 * {@code MAX_DELAY}, so only those stragglers miss their window; they go to a side output.
 *
 * <pre>
 * bin/eddy run -c io.eddy.examples.WindowedClicks examples/target/eddy-examples.jar \
 *     [--clicks N] [--pages M] [--seed S] [--output dir]
 * </pre>
 * Prints {@code page window-start..window-end count} per page and minute and {@code LATE page time}
 * per straggler; with {@code --output}, writes them to {@code dir/counts} and {@code dir/late}.
 */
public final class WindowedClicks {
    private WindowedClicks() {}

    static final Instant START = Instant.parse("2024-05-01T12:00:00Z");
    static final Duration SPAN = Duration.ofMinutes(10);
    static final Duration MAX_DELAY = Duration.ofSeconds(5);
    static final Duration STRAGGLER_DELAY = Duration.ofMinutes(3);
    /** Every this many clicks one is a straggler, once there has been enough time to lag behind. */
    static final int STRAGGLER_EVERY = 1000;
    /** How much faster than event time the clicks are replayed: a minute in half a second. */
    static final long REPLAY_SPEEDUP = 120;

    public static void main(String[] args) throws Exception {
        ProgramArguments params = ProgramArguments.parse(args);
        int clicks = (int) params.getLong("clicks", 10_000);
        int pages = (int) params.getLong("pages", 10);
        long seed = params.getLong("seed", 42);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        OutputTag<Click> lateClicks = new OutputTag<>("late clicks", Click.TYPE);
        SingleOutputStreamOperator<String> counts = env
                .fromSource(new ClickSource(clicks, pages, seed), "Clicks", Click.TYPE)
                .setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Click>forBoundedOutOfOrderness(MAX_DELAY)
                        .withTimestampAssigner((click, ts) -> click.time()))
                .setParallelism(1)
                .keyBy(Click::page)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .sideOutputLateData(lateClicks)
                .aggregate(new CountClicks(), new FormatCount()).name("Clicks per minute");
        DataStream<String> late = counts.getSideOutput(lateClicks)
                .map(WindowedClicks::describeLate, Types.STRING).name("Describe late clicks");

        String output = params.get("output");
        if (output != null) {
            counts.writeAsText(output + "/counts");
            late.writeAsText(output + "/late");
        } else {
            counts.print();
            late.print();
        }
        env.execute("Windowed clicks");
    }

    /** A click on {@code page} at {@code time} (epoch milliseconds). */
    public record Click(String page, long time) {
        static final TypeInfo<Click> TYPE = Types.of(Click.class);
    }

    static String describeCount(String page, TimeWindow window, long count) {
        return page + " " + Instant.ofEpochMilli(window.start()) + ".." + Instant.ofEpochMilli(window.end()) + " "
                + count;
    }

    static String describeLate(Click click) {
        return "LATE " + click.page() + " " + Instant.ofEpochMilli(click.time());
    }

    /**
     * The clicks in stream order: click {@code i} belongs at {@code START + i * SPAN / n} and is
     * up to {@code MAX_DELAY} earlier, or {@code STRAGGLER_DELAY} earlier for a straggler.
     */
    static List<Click> generate(int n, int pages, long seed) {
        Random random = new Random(seed);
        List<Click> clicks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long offset = SPAN.toMillis() * i / n;
            boolean straggler = i % STRAGGLER_EVERY == STRAGGLER_EVERY - 1
                    && offset >= STRAGGLER_DELAY.plusMinutes(1).toMillis();
            long delay = straggler ? STRAGGLER_DELAY.toMillis() : random.nextInt((int) MAX_DELAY.toMillis() + 1);
            clicks.add(new Click("page-" + random.nextInt(pages), START.toEpochMilli() + offset - delay));
        }
        return clicks;
    }

    /**
     * Replays the generated clicks {@link #REPLAY_SPEEDUP} times faster than event time. The pace
     * matters for the stragglers: periodic watermarks (every 200 ms by default) must have passed
     * their window before they arrive, which a replay at full speed would not wait for.
     */
    static final class ClickSource implements Source<Click, ClickSource.Position> {
        private static final long serialVersionUID = 1L;

        private final int clicks;
        private final int pages;
        private final long seed;

        ClickSource(int clicks, int pages, long seed) {
            this.clicks = clicks;
            this.pages = pages;
            this.seed = seed;
        }

        /** The index of the next click to emit. */
        record Position(int next) implements Serializable {}

        @Override
        public Boundedness getBoundedness() {
            return Boundedness.BOUNDED;
        }

        @Override
        public List<Position> createSplits(int parallelism) {
            return List.of(new Position(0));
        }

        @Override
        public int getMaxParallelism() {
            return 1;
        }

        @Override
        public SourceReader<Click, Position> createReader(SourceReaderContext context) {
            return new Reader();
        }

        private final class Reader implements SourceReader<Click, Position> {
            private final List<Click> all = generate(clicks, pages, seed);
            private int next = all.size();
            private long startNanos;
            private CompletableFuture<Void> available = CompletableFuture.completedFuture(null);

            @Override
            public void addSplits(List<Position> splits) {
                next = splits.get(0).next();
            }

            @Override
            public void start() {
                startNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(dueMillis(next));
            }

            /** When click {@code i} is due, in milliseconds after the replay started. */
            private long dueMillis(int i) {
                return SPAN.toMillis() * i / clicks / REPLAY_SPEEDUP;
            }

            @Override
            public InputStatus pollNext(SourceOutput<Click> output) {
                if (next == all.size()) {
                    return InputStatus.END_OF_INPUT;
                }
                long wait = dueMillis(next) - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
                if (wait > 0) {
                    available = CompletableFuture.runAsync(() -> {},
                            CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS));
                    return InputStatus.NOTHING_AVAILABLE;
                }
                output.collect(all.get(next++));
                return InputStatus.MORE_AVAILABLE;
            }

            @Override
            public CompletableFuture<Void> isAvailable() {
                return available;
            }

            @Override
            public List<Position> snapshotState(long checkpointId) {
                return List.of(new Position(next));
            }
        }
    }

    /** Counts the clicks of a window as they arrive. */
    static final class CountClicks implements AggregateFunction<Click, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Click click, Long count) {
            return count + 1;
        }

        @Override
        public Long getResult(Long count) {
            return count;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    /** Formats a window's count with its page and time range. */
    static final class FormatCount extends ProcessWindowFunction<Long, String, String, TimeWindow> {
        @Override
        public void process(String page, Context context, Iterable<Long> counts, Collector<String> out) {
            out.collect(describeCount(page, context.window(), counts.iterator().next()));
        }
    }
}
