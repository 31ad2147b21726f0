package io.eddy.runtime.state;

import io.eddy.api.functions.AggregateFunction;
import io.eddy.api.operators.InternalTimer;
import io.eddy.api.operators.Triggerable;
import io.eddy.api.state.AggregatingStateDescriptor;
import io.eddy.api.state.BroadcastState;
import io.eddy.api.state.KeyGroups;
import io.eddy.api.state.ListState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.MapState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.OperatorListState;
import io.eddy.api.state.ReducingState;
import io.eddy.api.state.ReducingStateDescriptor;
import io.eddy.api.state.State;
import io.eddy.api.state.StateDescriptor;
import io.eddy.api.state.StateTtlConfig;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.Types;
import io.eddy.api.types.serializers.StringSerializer;
import io.eddy.runtime.checkpoint.KeyGroupsStateHandle;
import io.eddy.runtime.checkpoint.StateHandle;
import io.eddy.runtime.keygroups.KeyGroupRange;
import io.eddy.runtime.timers.HeapTimerService;
import io.eddy.testutils.checkpoint.InMemoryCheckpointStorage;
import io.eddy.testutils.harness.ManualProcessingTimeService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asynchronous snapshots of heap keyed state, timers and operator state, and restores at any parallelism. */
class HeapStateSnapshotTest {
    private static final int MAX_PARALLELISM = 16;
    private static final long TTL_MILLIS = 1000;

    private final InMemoryCheckpointStorage storage = new InMemoryCheckpointStorage();
    private long now = 100;
    private long nextCheckpoint = 1;

    // every state lives in String namespaces, so that snapshots are checked with namespaces throughout
    private final ValueStateDescriptor<Long> value = new ValueStateDescriptor<>("value", Types.LONG);
    private final ListStateDescriptor<String> list = new ListStateDescriptor<>("list", Types.STRING);
    private final MapStateDescriptor<String, Long> map = new MapStateDescriptor<>("map", Types.STRING, Types.LONG);
    private final ReducingStateDescriptor<Long> reducing = new ReducingStateDescriptor<>("reducing", Long::sum,
            Types.LONG);
    private final AggregatingStateDescriptor<Long, List<Long>, Long> aggregating = new AggregatingStateDescriptor<>(
            "aggregating", new Collect(), Types.LIST(Types.LONG));
    private final ValueStateDescriptor<Long> ttlValue = withTtl(new ValueStateDescriptor<>("ttl-value", Types.LONG));
    private final ListStateDescriptor<Long> ttlList = withTtl(new ListStateDescriptor<>("ttl-list", Types.LONG));
    private final MapStateDescriptor<String, Long> ttlMap = withTtl(new MapStateDescriptor<>("ttl-map", Types.STRING,
            Types.LONG));
    private final List<StateDescriptor<?, ?>> all = List.of(value, list, map, reducing, aggregating, ttlValue, ttlList,
            ttlMap);

    /** Collects the inputs into the accumulator list in place: a mutable accumulator, as copy-on-write must handle. */
    static final class Collect implements AggregateFunction<Long, List<Long>, Long> {
        @Override
        public List<Long> createAccumulator() {
            return new ArrayList<>();
        }

        @Override
        public List<Long> add(Long value, List<Long> accumulator) {
            accumulator.add(value);
            return accumulator;
        }

        @Override
        public Long getResult(List<Long> accumulator) {
            return accumulator.stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public List<Long> merge(List<Long> a, List<Long> b) {
            a.addAll(b);
            return a;
        }
    }

    private static <D extends StateDescriptor<?, ?>> D withTtl(D descriptor) {
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(TTL_MILLIS))
                .setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite).cleanupIncrementally(2).build());
        return descriptor;
    }

    private HeapKeyedStateBackend<String> backend(KeyGroupRange range) {
        return new HeapKeyedStateBackend<>(StringSerializer.INSTANCE, MAX_PARALLELISM, range, () -> now);
    }

    private HeapKeyedStateBackend<String> backend(int parallelism, int index) {
        return backend(KeyGroupRange.forSubtask(MAX_PARALLELISM, parallelism, index));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <S extends State> S state(HeapKeyedStateBackend<String> backend, StateDescriptor<S, ?> descriptor,
            String namespace) {
        S state = backend.getPartitionedState(descriptor, StringSerializer.INSTANCE);
        ((InternalKvState) state).setCurrentNamespace(namespace);
        return state;
    }

    private KeyGroupsStateHandle checkpoint(HeapKeyedStateBackend<String> backend) throws Exception {
        long id = nextCheckpoint++;
        return backend.snapshot(id).writeTo(storage.initializeCheckpoint("job", id));
    }

    /** Writes something into every state for {@code key} in namespaces "w1" and "w2". */
    private void fill(HeapKeyedStateBackend<String> backend, String key, long n) throws Exception {
        backend.setCurrentKey(key);
        for (String namespace : List.of("w1", "w2")) {
            state(backend, value, namespace).update(n);
            state(backend, list, namespace).addAll(List.of(key, namespace));
            MapState<String, Long> m = state(backend, map, namespace);
            m.put("a", n);
            m.put("b", n + 1);
            state(backend, reducing, namespace).add(n);
            state(backend, reducing, namespace).add(n);
            state(backend, aggregating, namespace).add(n);
            state(backend, ttlValue, namespace).update(n);
            state(backend, ttlList, namespace).add(n);
            state(backend, ttlMap, namespace).put("t", n);
        }
    }

    /**
     * Every entry of the given states, "state|key|namespace" to its stored content as text (time-to-live
     * wrappers as value@lastAccess, maps sorted): a deep copy to compare snapshots with.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, String> contents(HeapKeyedStateBackend<String> backend,
            List<StateDescriptor<?, ?>> descriptors) throws Exception {
        Map<String, String> contents = new TreeMap<>();
        KeyGroupRange range = backend.getKeyGroupRange();
        for (StateDescriptor<?, ?> descriptor : descriptors) {
            InternalKvState<String, String> state = (InternalKvState<String, String>) backend.getPartitionedState(
                    (StateDescriptor) descriptor, StringSerializer.INSTANCE);
            for (int keyGroup = range.start(); keyGroup <= range.end(); keyGroup++) {
                state.forEachEntry(keyGroup, (key, namespace, stored) ->
                        contents.put(descriptor.getName() + "|" + key + "|" + namespace, text(stored)));
            }
        }
        return contents;
    }

    private static String text(Object stored) {
        if (stored instanceof Map<?, ?> m) {
            Map<String, String> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), text(v)));
            return sorted.toString();
        }
        if (stored instanceof List<?> l) {
            return l.stream().map(HeapStateSnapshotTest::text).toList().toString();
        }
        return String.valueOf(stored); // TtlValue prints value@lastAccess
    }

    private static Map<String, String> inRange(Map<String, String> contents, KeyGroupRange range) {
        Map<String, String> selected = new TreeMap<>();
        contents.forEach((entry, content) -> {
            String key = entry.split("\\|")[1];
            if (range.contains(KeyGroups.assignToKeyGroup(key, MAX_PARALLELISM))) {
                selected.put(entry, content);
            }
        });
        return selected;
    }

    @Test
    void everyStateKindRoundTripsWithNamespacesAndTimeToLive() throws Exception {
        HeapKeyedStateBackend<String> original = backend(1, 0);
        for (int i = 0; i < 50; i++) {
            fill(original, "k" + i, i);
        }
        Map<String, String> expected = contents(original, all);
        KeyGroupsStateHandle handle = checkpoint(original);

        now = 700; // later than the writes, within the time-to-live
        HeapKeyedStateBackend<String> restored = backend(1, 0);
        restored.restore(List.of(handle), storage);
        assertEquals(expected, contents(restored, all));

        restored.setCurrentKey("k7");
        assertEquals(7L, state(restored, value, "w2").value());
        assertEquals(List.of("k7", "w1"), toList(state(restored, list, "w1").get()));
        assertEquals(Map.of("a", 7L, "b", 8L), toMap(state(restored, map, "w1")));
        assertEquals(14L, state(restored, reducing, "w1").get());
        assertEquals(7L, state(restored, aggregating, "w1").get());
        state(restored, aggregating, "w1").add(3L);
        assertEquals(10L, state(restored, aggregating, "w1").get());

        // the time-to-live counts from the original writes at 100, not from the restore
        assertEquals(7L, state(restored, ttlValue, "w1").value()); // a read at 700 refreshes w1 only
        now = 100 + TTL_MILLIS;
        assertEquals(7L, state(restored, ttlValue, "w1").value());
        assertNull(state(restored, ttlValue, "w2").value());
        assertEquals(List.of(), toList(state(restored, ttlList, "w2").get()));
        assertNull(state(restored, ttlMap, "w2").get("t"));
    }

    @Test
    void rescalingFromTwoToThreeAndFromFourToTwoRestoresEachKeyExactlyOnce() throws Exception {
        rescale(2, 3);
        rescale(4, 2);
    }

    private void rescale(int oldParallelism, int newParallelism) throws Exception {
        List<HeapKeyedStateBackend<String>> old = new ArrayList<>();
        for (int i = 0; i < oldParallelism; i++) {
            old.add(backend(oldParallelism, i));
        }
        for (int i = 0; i < 300; i++) {
            String key = "key-" + i;
            fill(old.get(KeyGroups.operatorIndexForKey(key, MAX_PARALLELISM, oldParallelism)), key, i);
        }
        Map<String, String> union = new TreeMap<>();
        List<KeyGroupsStateHandle> handles = new ArrayList<>();
        for (HeapKeyedStateBackend<String> backend : old) {
            Map<String, String> contents = contents(backend, all);
            contents.keySet().forEach(entry -> assertFalse(union.containsKey(entry), entry));
            union.putAll(contents);
            handles.add(checkpoint(backend));
        }
        assertEquals(300 * 2 * all.size(), union.size());

        Map<String, String> restoredUnion = new TreeMap<>();
        for (int i = 0; i < newParallelism; i++) {
            HeapKeyedStateBackend<String> restored = backend(newParallelism, i);
            restored.restore(handles, storage);
            Map<String, String> contents = contents(restored, all);
            assertEquals(inRange(union, restored.getKeyGroupRange()), contents,
                    "subtask " + i + " of " + newParallelism);
            contents.keySet().forEach(entry -> assertFalse(restoredUnion.containsKey(entry), entry));
            restoredUnion.putAll(contents);
        }
        assertEquals(union, restoredUnion);
    }

    /**
     * The task thread keeps changing every kind of state (in place too: lists, maps, accumulators,
     * time-to-live refreshes, expiry clean-up, removals, table growth) while another thread writes
     * the snapshot; the snapshot holds exactly the state at the time it was taken.
     */
    @Test
    void snapshotsAreConsistentWhileTheTaskKeepsWriting() throws Exception {
        HeapKeyedStateBackend<String> backend = backend(1, 0);
        Map<String, Long> model = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            fill(backend, "k" + i, i);
            model.put("k" + i, (long) i);
        }
        Map<String, String> expected = contents(backend, all);
        KeyedStateSnapshot snapshot = backend.snapshot(1);

        CountDownLatch writerStarted = new CountDownLatch(1);
        CountDownLatch taskChangedEverything = new CountDownLatch(1);
        storage.beforeEachWrite(() -> {
            if (writerStarted.getCount() > 0) {
                writerStarted.countDown();
                await(taskChangedEverything);
            }
            Thread.yield(); // interleave with the task's writes
        });
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<KeyGroupsStateHandle> written = writer.submit(
                    () -> snapshot.writeTo(storage.initializeCheckpoint("job", 1)));
            await(writerStarted);
            long round = 0;
            do {
                now += 300; // time-to-live values start to expire after a few rounds
                change(backend, model, round++);
                taskChangedEverything.countDown();
            } while (!written.isDone() && round < 1000);
            KeyGroupsStateHandle handle = written.get(30, TimeUnit.SECONDS);

            HeapKeyedStateBackend<String> restored = backend(1, 0);
            restored.restore(List.of(handle), storage);
            assertEquals(expected, contents(restored, all));
        } finally {
            writer.shutdownNow();
        }

        // the task's own view took every change, and the next snapshot (no concurrency) sees it
        for (Map.Entry<String, Long> e : model.entrySet()) {
            backend.setCurrentKey(e.getKey());
            assertEquals(e.getValue(), state(backend, value, "w1").value(), e.getKey());
        }
        Map<String, String> later = contents(backend, all);
        HeapKeyedStateBackend<String> restoredLater = backend(1, 0);
        restoredLater.restore(List.of(checkpoint(backend)), storage);
        assertEquals(later, contents(restoredLater, all));
    }

    private void change(HeapKeyedStateBackend<String> backend, Map<String, Long> model, long round) throws Exception {
        for (int i = 0; i < 2000; i += 3) {
            String key = "k" + ((i + round) % 2000);
            backend.setCurrentKey(key);
            long n = model.merge(key, 1L, Long::sum);
            state(backend, value, "w1").update(n);
            state(backend, list, "w1").add("r" + round);
            state(backend, map, "w1").put("a", -n);
            state(backend, map, "w2").remove("b");
            state(backend, reducing, "w2").add(1L);
            state(backend, aggregating, "w1").add(round);
            state(backend, ttlValue, "w1").value(); // refreshes the access time in place
            state(backend, ttlList, "w1").get();
            state(backend, ttlMap, "w1").put("u", n);
            if (i % 2 == 0) {
                state(backend, list, "w2").clear();
                state(backend, aggregating, "w2").clear();
            }
            backend.setCurrentKey("new-" + round + "-" + i); // new entries make the tables grow
            state(backend, value, "w1").update(round);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void timersSurviveRescalingAndFireInOrder() throws Exception {
        ManualProcessingTimeService processingTime = new ManualProcessingTimeService();
        HeapKeyedStateBackend<String> old = backend(1, 0);
        List<String> oldFired = new ArrayList<>();
        HeapTimerService<String, String> oldTimers = timers(old, processingTime, oldFired);
        for (int i = 0; i < 40; i++) {
            old.setCurrentKey("k" + i);
            oldTimers.registerEventTimeTimer("w", 1000 - i * 10);
            oldTimers.registerProcessingTimeTimer("p", 500 + i);
        }
        List<KeyGroupsStateHandle> handles = List.of(checkpoint(old));

        List<String> fired = new ArrayList<>();
        int restoredTimers = 0;
        for (int i = 0; i < 2; i++) {
            HeapKeyedStateBackend<String> restored = backend(2, i);
            restored.restore(handles, storage);
            List<String> firedHere = new ArrayList<>();
            HeapTimerService<String, String> timers = timers(restored, processingTime, firedHere);
            restoredTimers += timers.numberOfTimers();
            timers.advanceWatermark(Long.MAX_VALUE);
            processingTime.advanceTo(10_000);
            List<String> eventFired = firedHere.stream().filter(f -> f.startsWith("event")).toList();
            assertEquals(eventFired.stream().sorted((a, b) -> Long.compare(time(a), time(b))).toList(), eventFired);
            firedHere.forEach(f -> assertTrue(restored.getKeyGroupRange().contains(
                    KeyGroups.assignToKeyGroup(f.split(" ")[1], MAX_PARALLELISM)), f));
            fired.addAll(firedHere);
        }
        assertEquals(80, restoredTimers);
        assertEquals(80, fired.size());
        assertEquals(80, fired.stream().distinct().count());
    }

    private static long time(String fired) {
        return Long.parseLong(fired.split(" ")[2]);
    }

    private static HeapTimerService<String, String> timers(HeapKeyedStateBackend<String> backend,
            ManualProcessingTimeService processingTime, List<String> fired) {
        HeapTimerService<String, String> timers = new HeapTimerService<>(backend, StringSerializer.INSTANCE,
                processingTime, new Triggerable<>() {
                    @Override
                    public void onEventTime(InternalTimer<String, String> timer) {
                        fired.add("event " + timer.getKey() + " " + timer.getTimestamp());
                    }

                    @Override
                    public void onProcessingTime(InternalTimer<String, String> timer) {
                        fired.add("processing " + timer.getKey() + " " + timer.getTimestamp());
                    }
                });
        backend.registerTimerService("test-timers", timers);
        return timers;
    }

    @Test
    void restoringAStateAsAnotherKindFailsNamingTheState() throws Exception {
        HeapKeyedStateBackend<String> original = backend(1, 0);
        original.setCurrentKey("a");
        original.getState(new ValueStateDescriptor<>("count", Types.LONG)).update(1L);
        KeyGroupsStateHandle handle = checkpoint(original);

        HeapKeyedStateBackend<String> restored = backend(1, 0);
        restored.restore(List.of(handle), storage);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> restored.getListState(new ListStateDescriptor<>("count", Types.LONG)));
        assertTrue(e.getMessage().contains("'count' was checkpointed as Value state but is now registered as List "
                + "state"), e.getMessage());
        IllegalStateException type = assertThrows(IllegalStateException.class,
                () -> restored.getState(new ValueStateDescriptor<>("count", Types.STRING)));
        assertTrue(type.getMessage().contains("'count'"), type.getMessage());
    }

    @Test
    void restoredStatesNotRegisteredAgainAreKeptInTheNextSnapshot() throws Exception {
        HeapKeyedStateBackend<String> original = backend(1, 0);
        fill(original, "a", 1);
        Map<String, String> expected = contents(original, all);

        HeapKeyedStateBackend<String> restored = backend(1, 0);
        restored.restore(List.of(checkpoint(original)), storage);
        KeyGroupsStateHandle untouched = checkpoint(restored); // no state registered in between
        HeapKeyedStateBackend<String> again = backend(2, 1);
        again.restore(List.of(untouched), storage);
        HeapKeyedStateBackend<String> other = backend(2, 0);
        other.restore(List.of(untouched), storage);
        Map<String, String> both = new TreeMap<>(contents(again, all));
        both.putAll(contents(other, all));
        assertEquals(expected, both);
    }

    @Test
    void releasingOrWritingASnapshotEndsCopyOnWrite() throws Exception {
        HeapKeyedStateBackend<String> backend = backend(1, 0);
        KeyedStateSnapshot released = backend.snapshot(1);
        KeyedStateSnapshot written = backend.snapshot(2);
        assertEquals(1, backend.versions.pinned());
        written.writeTo(storage.initializeCheckpoint("job", 2));
        assertEquals(0, backend.versions.pinned()); // the older snapshot still reads version 0
        released.release();
        released.release();
        assertEquals(-1, backend.versions.pinned());
        assertThrows(IllegalStateException.class, () -> released.writeTo(storage.initializeCheckpoint("job", 1)));
    }

    @Test
    void operatorStateIsRedistributedThroughSnapshots() throws Exception {
        ListStateDescriptor<String> offsets = new ListStateDescriptor<>("offsets", Types.STRING);
        ListStateDescriptor<String> everywhere = new ListStateDescriptor<>("everywhere", Types.STRING);
        MapStateDescriptor<String, Long> rules = new MapStateDescriptor<>("rules", Types.STRING, Types.LONG);
        List<List<String>> oldLists = List.of(List.of("a", "b", "c"), List.of("d"), List.of("e", "f", "g", "h"));
        List<StateHandle> handles = new ArrayList<>();
        for (int subtask = 0; subtask < 3; subtask++) {
            HeapOperatorStateStore store = new HeapOperatorStateStore();
            store.getListState(offsets).addAll(oldLists.get(subtask));
            store.getUnionListState(everywhere).add("u" + subtask);
            BroadcastState<String, Long> broadcast = store.getBroadcastState(rules);
            broadcast.put("x", 1L);
            broadcast.put("y", 2L);
            long id = nextCheckpoint++;
            handles.add(store.snapshot(id).writeTo(storage.initializeCheckpoint("job", id)));
        }
        for (int parallelism : List.of(2, 4)) {
            List<List<String>> split = ListStateDistribution.EVEN_SPLIT.redistribute(oldLists, parallelism);
            for (int index = 0; index < parallelism; index++) {
                HeapOperatorStateStore store = new HeapOperatorStateStore();
                store.restore(handles, parallelism, index, storage);
                assertEquals(split.get(index), toList(store.getListState(offsets).get()));
                assertEquals(List.of("u0", "u1", "u2"), toList(store.getUnionListState(everywhere).get()));
                BroadcastState<String, Long> broadcast = store.getBroadcastState(rules);
                assertEquals(2, broadcast.size());
                assertEquals(2L, broadcast.get("y"));
            }
        }
        HeapOperatorStateStore wrong = new HeapOperatorStateStore();
        wrong.restore(handles, 1, 0, storage);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> wrong.getUnionListState(offsets));
        assertTrue(e.getMessage().contains("'offsets' was checkpointed as EVEN_SPLIT"), e.getMessage());
    }

    private static <T> List<T> toList(Iterable<T> iterable) {
        List<T> out = new ArrayList<>();
        iterable.forEach(out::add);
        return out;
    }

    private static <K, V> Map<K, V> toMap(MapState<K, V> state) throws Exception {
        Map<K, V> out = new HashMap<>();
        for (Map.Entry<K, V> e : state.entries()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
