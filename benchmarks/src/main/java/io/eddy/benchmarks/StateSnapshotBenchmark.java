package io.eddy.benchmarks;

import io.eddy.api.operators.InternalTimer;
import io.eddy.api.operators.ProcessingTimeService;
import io.eddy.api.operators.Triggerable;
import io.eddy.api.state.KeyGroups;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.state.VoidNamespace;
import io.eddy.api.state.VoidNamespaceSerializer;
import io.eddy.api.types.Types;
import io.eddy.api.types.serializers.LongSerializer;
import io.eddy.runtime.checkpoint.CheckpointLocation;
import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.runtime.checkpoint.KeyGroupsStateHandle;
import io.eddy.runtime.keygroups.KeyGroupRange;
import io.eddy.runtime.state.HeapKeyedStateBackend;
import io.eddy.runtime.state.KeyedStateSnapshot;
import io.eddy.runtime.timers.HeapTimerService;
import io.eddy.state.hdfs.HadoopCheckpointStorage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Heap keyed state snapshots at scale: N keys of {@code ValueState<Long>} (10 million by default,
 * about 1 GB of heap) in one backend; measures the synchronous part of a snapshot (task thread),
 * the asynchronous write to a local directory while the task thread keeps updating state, the
 * task's update rate with and without a running snapshot, the restore, and the synchronous part
 * with a million timers (which it copies).
 *
 * <pre>java -Xmx8g -cp ... io.eddy.benchmarks.StateSnapshotBenchmark [N] [directory]</pre>
 */
public final class StateSnapshotBenchmark {
    private StateSnapshotBenchmark() {}

    public static void main(String[] args) throws Exception {
        long keys = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        Path directory = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("eddy-snapshot-bench");
        int maxParallelism = KeyGroups.DEFAULT_MAX_PARALLELISM;
        KeyGroupRange range = new KeyGroupRange(0, maxParallelism - 1);
        ValueStateDescriptor<Long> descriptor = new ValueStateDescriptor<>("sum", Types.LONG);

        HeapKeyedStateBackend<Long> backend = new HeapKeyedStateBackend<>(LongSerializer.INSTANCE, maxParallelism,
                range, System::currentTimeMillis);
        ValueState<Long> state = backend.getState(descriptor);
        long start = System.nanoTime();
        for (long key = 0; key < keys; key++) {
            backend.setCurrentKey(key);
            state.update(key);
        }
        System.out.printf("filled %,d keys in %.1f s, heap used %,d MB%n", keys, seconds(start), usedHeapMb());

        // warm both paths, then measure the task's update rate without a snapshot
        for (int round = 0; round < 3; round++) {
            writeSnapshot(backend, state, keys, storage(directory), round, false);
        }
        start = System.nanoTime();
        update(backend, state, keys, 5_000_000);
        System.out.printf("task updates without a snapshot: %,.0f/s%n", 5_000_000 / seconds(start));

        CheckpointStorage storage = storage(directory);
        KeyGroupsStateHandle handle = writeSnapshot(backend, state, keys, storage, 100, true);

        HeapKeyedStateBackend<Long> restored = new HeapKeyedStateBackend<>(LongSerializer.INSTANCE, maxParallelism,
                range, System::currentTimeMillis);
        start = System.nanoTime();
        restored.restore(List.of(handle), storage);
        restored.getState(descriptor);
        System.out.printf("restore: %.1f s, %,d entries%n", seconds(start), restored.numberOfEntries("sum"));
        restored.dispose();

        measureTimerCopy(backend, 1_000_000);
    }

    /** Timers are copied in the synchronous part: its duration with {@code timers} event-time timers. */
    private static void measureTimerCopy(HeapKeyedStateBackend<Long> backend, int timers) throws Exception {
        HeapTimerService<Long, VoidNamespace> service = new HeapTimerService<>(backend,
                VoidNamespaceSerializer.INSTANCE, new EventTimeOnly(), new Triggerable<>() {
                    @Override
                    public void onEventTime(InternalTimer<Long, VoidNamespace> timer) {}

                    @Override
                    public void onProcessingTime(InternalTimer<Long, VoidNamespace> timer) {}
                });
        backend.registerTimerService("bench-timers", service);
        for (long key = 0; key < timers; key++) {
            backend.setCurrentKey(key);
            service.registerEventTimeTimer(VoidNamespace.INSTANCE, key);
        }
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            KeyedStateSnapshot snapshot = backend.snapshot(1000 + round);
            double millis = (System.nanoTime() - start) / 1e6;
            snapshot.release();
            if (round == 4) {
                System.out.printf("synchronous part with %,d timers: %.1f ms%n", timers, millis);
            }
        }
    }

    /** Enough of a processing-time service for event-time timers. */
    private static final class EventTimeOnly implements ProcessingTimeService {
        @Override
        public long getCurrentProcessingTime() {
            return System.currentTimeMillis();
        }

        @Override
        public Cancellable registerTimer(long time, Callback callback) {
            throw new UnsupportedOperationException("event-time timers only");
        }

        @Override
        public Cancellable scheduleAtFixedRate(Callback callback, long initialDelay, long period) {
            throw new UnsupportedOperationException("event-time timers only");
        }
    }

    /** Increments the values of {@code count} random keys. */
    private static void update(HeapKeyedStateBackend<Long> backend, ValueState<Long> state, long keys, long count)
            throws Exception {
        long seed = System.nanoTime();
        for (long i = 0; i < count; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            backend.setCurrentKey(Math.floorMod(seed >>> 1, keys));
            state.update(state.value() + 1);
        }
    }

    private static KeyGroupsStateHandle writeSnapshot(HeapKeyedStateBackend<Long> backend, ValueState<Long> state,
            long keys, CheckpointStorage storage, long checkpointId, boolean report) throws Exception {
        long start = System.nanoTime();
        KeyedStateSnapshot snapshot = backend.snapshot(checkpointId);
        long syncNanos = System.nanoTime() - start;
        CheckpointLocation location = storage.initializeCheckpoint("bench", checkpointId);
        long asyncStart = System.nanoTime();
        CompletableFuture<KeyGroupsStateHandle> written = CompletableFuture.supplyAsync(() -> {
            try {
                return snapshot.writeTo(location);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        // the task thread goes on meanwhile: updates in batches until the write is done
        long updates = 0;
        long updateStart = System.nanoTime();
        while (!written.isDone()) {
            update(backend, state, keys, 100_000);
            updates += 100_000;
        }
        double updateSeconds = (System.nanoTime() - updateStart) / 1e9;
        KeyGroupsStateHandle handle = written.join();
        double asyncSeconds = (System.nanoTime() - asyncStart) / 1e9;
        if (report) {
            System.out.printf("synchronous part: %.3f ms%n", syncNanos / 1e6);
            System.out.printf("asynchronous write: %.2f s, %,d MB (%.0f MB/s)%n", asyncSeconds,
                    handle.file().size() >> 20, (handle.file().size() >> 20) / asyncSeconds);
            System.out.printf("task updates during the write: %,d (%,.0f/s)%n", updates, updates / updateSeconds);
        }
        Files.deleteIfExists(Path.of(handle.file().path()));
        return report ? rewrite(backend, storage, checkpointId + 1) : handle;
    }

    /** A snapshot without concurrent updates, kept for the restore measurement. */
    private static KeyGroupsStateHandle rewrite(HeapKeyedStateBackend<Long> backend, CheckpointStorage storage,
            long checkpointId) throws IOException {
        long start = System.nanoTime();
        KeyGroupsStateHandle handle = backend.snapshot(checkpointId)
                .writeTo(storage.initializeCheckpoint("bench", checkpointId));
        System.out.printf("asynchronous write with the task idle: %.2f s%n", seconds(start));
        return handle;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long usedHeapMb() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }

    /** The real checkpoint storage, on the local file system. */
    private static CheckpointStorage storage(Path directory) throws IOException {
        return new HadoopCheckpointStorage(directory.toUri().toString(), new org.apache.hadoop.conf.Configuration());
    }
}
