package io.eddy.benchmarks;

import io.eddy.api.connector.source.Boundedness;
import io.eddy.api.connector.source.InputStatus;
import io.eddy.api.connector.source.Source;
import io.eddy.api.connector.source.SourceOutput;
import io.eddy.api.connector.source.SourceReader;
import io.eddy.api.connector.source.SourceReaderContext;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Emits {@code System.nanoTime()} at a fixed total rate for a fixed time, spread over the parallel
 * readers. The value is the emission time, so a sink on the same machine (any process: nanoTime
 * is the machine's monotonic clock on Linux) can compute each record's end-to-end latency.
 */
final class RateLimitedSource implements Source<Long, Integer> {
    private static final long serialVersionUID = 1L;
    /** How long a reader that is ahead of schedule sleeps before it looks again. */
    private static final long PAUSE_MICROS = 100;

    private final long recordsPerSecond;
    private final long seconds;

    RateLimitedSource(long recordsPerSecond, long seconds) {
        this.recordsPerSecond = recordsPerSecond;
        this.seconds = seconds;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public List<Integer> createSplits(int parallelism) {
        List<Integer> splits = new ArrayList<>();
        for (int i = 0; i < parallelism; i++) {
            splits.add(parallelism);
        }
        return splits;
    }

    @Override
    public TypeInfo<Long> getProducedType() {
        return Types.LONG;
    }

    @Override
    public SourceReader<Long, Integer> createReader(SourceReaderContext context) {
        return new SourceReader<>() {
            private final Executor pause = CompletableFuture.delayedExecutor(PAUSE_MICROS, TimeUnit.MICROSECONDS);
            private double ratePerNano;
            private long start;
            private long end;
            private long emitted;

            @Override
            public void addSplits(List<Integer> splits) {
                if (!splits.isEmpty()) {
                    ratePerNano = recordsPerSecond / (double) splits.get(0) / 1e9;
                }
            }

            @Override
            public void start() {
                start = System.nanoTime();
                end = start + TimeUnit.SECONDS.toNanos(seconds);
            }

            @Override
            public InputStatus pollNext(SourceOutput<Long> output) {
                long now = System.nanoTime();
                if (ratePerNano == 0 || now >= end) {
                    return InputStatus.END_OF_INPUT;
                }
                if (emitted < (long) ((now - start) * ratePerNano)) {
                    output.collect(System.nanoTime());
                    emitted++;
                    return InputStatus.MORE_AVAILABLE;
                }
                return InputStatus.NOTHING_AVAILABLE;
            }

            @Override
            public CompletableFuture<Void> isAvailable() {
                return CompletableFuture.runAsync(() -> {}, pause);
            }

            @Override
            public List<Integer> snapshotState(long checkpointId) {
                return List.of();
            }
        };
    }
}
