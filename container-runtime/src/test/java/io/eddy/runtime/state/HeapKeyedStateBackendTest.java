package io.eddy.runtime.state;

import io.eddy.api.functions.AggregateFunction;
import io.eddy.api.state.AggregatingState;
import io.eddy.api.state.AggregatingStateDescriptor;
import io.eddy.api.state.KeyGroups;
import io.eddy.api.state.ListState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.MapState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.ReducingState;
import io.eddy.api.state.ReducingStateDescriptor;
import io.eddy.api.state.StateDescriptor;
import io.eddy.api.state.StateTtlConfig.StateVisibility;
import io.eddy.api.state.StateTtlConfig.UpdateType;
import io.eddy.api.state.StateTtlConfig;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.Types;
import io.eddy.api.types.serializers.StringSerializer;
import io.eddy.runtime.keygroups.KeyGroupRange;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class HeapKeyedStateBackendTest {
    private static final int MAX_PARALLELISM = 8;
    private static final List<String> KEYS = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");

    private long now;
    private final HeapKeyedStateBackend<String> backend = backend(new KeyGroupRange(0, MAX_PARALLELISM - 1));

    private HeapKeyedStateBackend<String> backend(KeyGroupRange range) {
        return new HeapKeyedStateBackend<>(StringSerializer.INSTANCE, MAX_PARALLELISM, range, () -> now);
    }

    /** Number of distinct key groups of {@code keys}. */
    private static int keyGroupsOf(List<String> keys) {
        Set<Integer> groups = new HashSet<>();
        keys.forEach(k -> groups.add(KeyGroups.assignToKeyGroup(k, MAX_PARALLELISM)));
        return groups.size();
    }

    private static <T> List<T> list(Iterable<T> iterable) {
        List<T> out = new ArrayList<>();
        iterable.forEach(out::add);
        return out;
    }

    /** Time-to-live of 100 ms, cleaned up only on access so that what a read sees is deterministic. */
    private static <D extends StateDescriptor<?, ?>> D withTtl(D descriptor, UpdateType update,
            StateVisibility visibility) {
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(100))
                .setUpdateType(update).setStateVisibility(visibility).cleanupIncrementally(0).build());
        return descriptor;
    }

    /** Average of longs; the accumulator is {sum, count}. */
    static final class Average implements AggregateFunction<Long, long[], Double> {
        @Override
        public long[] createAccumulator() {
            return new long[2];
        }

        @Override
        public long[] add(Long value, long[] acc) {
            acc[0] += value;
            acc[1]++;
            return acc;
        }

        @Override
        public Double getResult(long[] acc) {
            return (double) acc[0] / acc[1];
        }

        @Override
        public long[] merge(long[] a, long[] b) {
            return new long[] {a[0] + b[0], a[1] + b[1]};
        }
    }

    // ---------------------------------------------------------------- every kind, several keys

    @Test
    void valueStateKeepsOneValuePerKey() throws Exception {
        assertTrue(keyGroupsOf(KEYS) >= 4, "the keys spread over several key groups");
        ValueState<Integer> state = backend.getState(new ValueStateDescriptor<>("v", Integer.class));
        for (int i = 0; i < KEYS.size(); i++) {
            backend.setCurrentKey(KEYS.get(i));
            assertNull(state.value());
            state.update(i * 10);
        }
        for (int i = 0; i < KEYS.size(); i++) {
            backend.setCurrentKey(KEYS.get(i));
            assertEquals(i * 10, state.value());
        }
        backend.setCurrentKey("c");
        state.update(null);
        assertNull(state.value());
        backend.setCurrentKey("d");
        state.clear();
        assertNull(state.value());
        assertEquals(KEYS.size() - 2, backend.numberOfEntries("v"));
        assertSame(state, backend.getState(new ValueStateDescriptor<>("v", Integer.class)));
    }

    /**
     * A write after a read of the very same key and namespace objects takes the entry the read
     * found; equal but other objects, a removal of that entry and table growth in between still end
     * at the right entry.
     */
    @Test
    void readThenWriteOfTheSameKeyStaysExact() throws Exception {
        ValueState<Long> state = backend.getState(new ValueStateDescriptor<>("rw", Long.class));
        String a = new String("a");
        backend.setCurrentKey(a);
        assertNull(state.value());
        state.update(1L);
        backend.setCurrentKey(new String("a"));
        assertEquals(1L, state.value());
        state.update(2L);
        backend.setCurrentKey(a);
        assertEquals(2L, state.value());
        state.clear();
        state.update(3L);
        assertEquals(1, backend.numberOfEntries("rw"), "the write after the removal made a new entry");
        for (int i = 0; i < 1000; i++) {
            backend.setCurrentKey("k" + i);
            assertNull(state.value());
            state.update((long) i);
        }
        backend.setCurrentKey(a);
        assertEquals(3L, state.value());
        state.update(4L);
        backend.setCurrentKey("a");
        assertEquals(4L, state.value());
        backend.setCurrentKey("k999");
        assertEquals(999L, state.value());
        assertEquals(1001, backend.numberOfEntries("rw"));
    }

    @Test
    void listStateKeepsElementsInOrderPerKey() throws Exception {
        ListState<String> state = backend.getListState(new ListStateDescriptor<>("l", String.class));
        for (String key : KEYS) {
            backend.setCurrentKey(key);
            assertEquals(List.of(), list(state.get()));
            state.add(key + 1);
            state.addAll(List.of(key + 2, key + 3));
        }
        for (String key : KEYS) {
            backend.setCurrentKey(key);
            assertEquals(List.of(key + 1, key + 2, key + 3), list(state.get()));
        }
        backend.setCurrentKey("a");
        state.update(List.of("x", "y"));
        assertEquals(List.of("x", "y"), list(state.get()));
        assertThrows(NullPointerException.class, () -> state.update(java.util.Arrays.asList("z", null)));
        assertEquals(List.of("x", "y"), list(state.get()), "a rejected update leaves the list unchanged");
        state.update(List.of());
        assertEquals(List.of(), list(state.get()));
        backend.setCurrentKey("b");
        state.clear();
        assertEquals(List.of(), list(state.get()));
        backend.setCurrentKey("c");
        assertEquals(List.of("c1", "c2", "c3"), list(state.get()));
        assertEquals(KEYS.size() - 2, backend.numberOfEntries("l"));
    }

    @Test
    void mapStateKeepsAMapPerKey() throws Exception {
        MapState<String, Integer> state = backend.getMapState(new MapStateDescriptor<>("m", String.class, Integer.class));
        for (int i = 0; i < KEYS.size(); i++) {
            backend.setCurrentKey(KEYS.get(i));
            assertTrue(state.isEmpty());
            state.put("one", i);
            state.putAll(Map.of("two", i * 2, "three", i * 3));
        }
        for (int i = 0; i < KEYS.size(); i++) {
            backend.setCurrentKey(KEYS.get(i));
            assertEquals(i * 2, state.get("two"));
            assertTrue(state.contains("three"));
            assertFalse(state.contains("four"));
            assertNull(state.get("four"));
            Map<String, Integer> entries = new TreeMap<>();
            state.entries().forEach(e -> entries.put(e.getKey(), e.getValue()));
            assertEquals(Map.of("one", i, "two", i * 2, "three", i * 3), entries);
            assertEquals(Set.of("one", "two", "three"), new HashSet<>(list(state.keys())));
            assertEquals(i * 6, list(state.values()).stream().mapToInt(Integer::intValue).sum());
        }
        backend.setCurrentKey("a");
        state.remove("one");
        state.put("two", 22);
        Iterator<Map.Entry<String, Integer>> it = state.iterator();
        Map<String, Integer> seen = new HashMap<>();
        it.forEachRemaining(e -> seen.put(e.getKey(), e.getValue()));
        assertEquals(Map.of("two", 22, "three", 0), seen);
        Iterator<Map.Entry<String, Integer>> readOnly = state.iterator();
        readOnly.next();
        assertThrows(UnsupportedOperationException.class, readOnly::remove);
        state.remove("two");
        state.remove("three");
        assertTrue(state.isEmpty());
        assertEquals(KEYS.size() - 1, backend.numberOfEntries("m"), "an emptied map is removed");
        backend.setCurrentKey("b");
        state.clear();
        assertTrue(state.isEmpty());
        backend.setCurrentKey("c");
        assertEquals(6, state.get("three"));
    }

    @Test
    void reducingStateReducesPerKey() throws Exception {
        ReducingState<Long> state = backend.getReducingState(new ReducingStateDescriptor<>("r", Long::sum, Long.class));
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < KEYS.size(); i++) {
                backend.setCurrentKey(KEYS.get(i));
                state.add((long) i * round);
            }
        }
        for (int i = 0; i < KEYS.size(); i++) {
            backend.setCurrentKey(KEYS.get(i));
            assertEquals(i * 6L, state.get());
        }
        backend.setCurrentKey("e");
        state.clear();
        assertNull(state.get());
    }

    @Test
    void aggregatingStateAggregatesPerKey() throws Exception {
        AggregatingState<Long, Double> state = backend.getAggregatingState(
                new AggregatingStateDescriptor<>("avg", new Average(), long[].class));
        for (int i = 0; i < KEYS.size(); i++) {
            backend.setCurrentKey(KEYS.get(i));
            assertNull(state.get());
            state.add((long) i);
            state.add((long) i + 3);
        }
        for (int i = 0; i < KEYS.size(); i++) {
            backend.setCurrentKey(KEYS.get(i));
            assertEquals(i + 1.5, state.get());
        }
    }

    @Test
    void sameNameWithAnotherKindOrTypeIsRejected() {
        backend.getState(new ValueStateDescriptor<>("s", Integer.class));
        IllegalStateException kind = assertThrows(IllegalStateException.class,
                () -> backend.getListState(new ListStateDescriptor<>("s", Integer.class)));
        assertEquals("State 's' was registered as ValueStateDescriptor of Integer and cannot be used as "
                + "ListStateDescriptor of List<Integer>: give each state its own name.", kind.getMessage());
        IllegalStateException type = assertThrows(IllegalStateException.class,
                () -> backend.getState(new ValueStateDescriptor<>("s", Long.class)));
        assertTrue(type.getMessage().contains("cannot be used as ValueStateDescriptor of Long"), type.getMessage());
        assertThrows(IllegalStateException.class, () -> backend.getState(withTtl(
                new ValueStateDescriptor<>("s", Integer.class), UpdateType.OnCreateAndWrite,
                StateVisibility.NeverReturnExpired)));
        assertThrows(IllegalStateException.class, () -> backend.getPartitionedState(
                new ValueStateDescriptor<>("s", Integer.class), StringSerializer.INSTANCE));
    }

    @Test
    void stateNeedsACurrentKey() {
        ValueState<Integer> state = backend.getState(new ValueStateDescriptor<>("v", Integer.class));
        IllegalStateException e = assertThrows(IllegalStateException.class, state::value);
        assertTrue(e.getMessage().startsWith("No current key"), e.getMessage());
    }

    @Test
    void applyToAllKeysVisitsEveryKeyWithContent() throws Exception {
        ValueStateDescriptor<Integer> descriptor = new ValueStateDescriptor<>("v", Integer.class);
        ValueState<Integer> state = backend.getState(descriptor);
        for (int i = 0; i < KEYS.size(); i++) {
            backend.setCurrentKey(KEYS.get(i));
            state.update(i);
        }
        backend.setCurrentKey("b");
        Map<String, Integer> seen = new TreeMap<>();
        backend.applyToAllKeys(descriptor, (key, s) -> {
            seen.put(key, s.value());
            if (s.value() % 2 == 0) {
                s.clear();
            }
        });
        Map<String, Integer> expected = new TreeMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            expected.put(KEYS.get(i), i);
        }
        assertEquals(expected, seen);
        assertEquals("b", backend.getCurrentKey(), "the current key is restored");
        assertEquals(KEYS.size() / 2, backend.numberOfEntries("v"));
        backend.setCurrentKey("a");
        assertNull(state.value());
    }

    // ---------------------------------------------------------------- namespaces

    @Test
    void namespacesSeparateContentOfTheSameKey() throws Exception {
        InternalMergingState<String, String, Long, Long> windows = backend.getMergingState(
                new ReducingStateDescriptor<>("sum", Long::sum, Long.class), StringSerializer.INSTANCE);
        for (String key : List.of("a", "b")) {
            backend.setCurrentKey(key);
            for (String window : List.of("w1", "w2", "w3")) {
                windows.setCurrentNamespace(window);
                windows.add((long) window.charAt(1) - '0');
                windows.add(key.equals("a") ? 10L : 100L);
            }
        }
        backend.setCurrentKey("a");
        windows.setCurrentNamespace("w2");
        assertEquals(12L, windows.get());
        windows.clear();
        assertNull(windows.get());
        windows.setCurrentNamespace("w3");
        assertEquals(13L, windows.get());
        backend.setCurrentKey("b");
        assertEquals(103L, windows.get());
        assertEquals(5, backend.numberOfEntries("sum"));
    }

    @Test
    void mergingReducingStateCombinesSourcesIntoTarget() throws Exception {
        InternalMergingState<String, String, Long, Long> state = backend.getMergingState(
                new ReducingStateDescriptor<>("sum", Long::sum, Long.class), StringSerializer.INSTANCE);
        backend.setCurrentKey("a");
        addTo(state, "t", 1L);
        addTo(state, "s1", 10L);
        addTo(state, "s2", 100L);
        backend.setCurrentKey("b");
        addTo(state, "s1", 1000L);
        backend.setCurrentKey("a");
        state.setCurrentNamespace("s2");
        state.mergeNamespaces("t", List.of("s1", "s2", "t", "absent"));
        assertNull(state.get(), "the current namespace stays s2, now empty");
        state.setCurrentNamespace("t");
        assertEquals(111L, state.get());
        backend.setCurrentKey("b");
        state.setCurrentNamespace("s1");
        assertEquals(1000L, state.get(), "other keys are untouched");
        assertEquals(2, backend.numberOfEntries("sum"));
    }

    @Test
    void mergingAggregatingStateMergesAccumulators() throws Exception {
        InternalMergingState<String, String, Long, Double> state = backend.getMergingState(
                new AggregatingStateDescriptor<>("avg", new Average(), long[].class), StringSerializer.INSTANCE);
        backend.setCurrentKey("a");
        addTo(state, "s1", 1L);
        addTo(state, "s1", 2L);
        addTo(state, "s2", 9L);
        state.mergeNamespaces("t", List.of("s1", "s2"));
        state.setCurrentNamespace("t");
        assertEquals(4.0, state.get());
        state.setCurrentNamespace("s1");
        assertNull(state.get());
    }

    @Test
    void mergingListStateConcatenatesTargetFirst() throws Exception {
        InternalMergingState<String, String, String, Iterable<String>> state = backend.getMergingState(
                new ListStateDescriptor<>("list", String.class), StringSerializer.INSTANCE);
        backend.setCurrentKey("a");
        addTo(state, "t", "t1");
        addTo(state, "s1", "x1");
        addTo(state, "s1", "x2");
        addTo(state, "s2", "y1");
        state.mergeNamespaces("t", List.of("s1", "s2"));
        state.setCurrentNamespace("t");
        assertEquals(List.of("t1", "x1", "x2", "y1"), list(state.get()));
        state.setCurrentNamespace("s2");
        assertEquals(List.of(), list(state.get()));
        assertEquals(1, backend.numberOfEntries("list"));
    }

    private static <IN> void addTo(InternalMergingState<String, String, IN, ?> state, String namespace, IN value)
            throws Exception {
        state.setCurrentNamespace(namespace);
        state.add(value);
    }

    // ---------------------------------------------------------------- per key group iteration

    @Test
    void forEachEntryVisitsOneKeyGroupWithKeyNamespaceAndValue() throws Exception {
        InternalMergingState<String, String, Long, Long> state = backend.getMergingState(
                new ReducingStateDescriptor<>("sum", Long::sum, Long.class), StringSerializer.INSTANCE);
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            backend.setCurrentKey(KEYS.get(i));
            for (String window : List.of("w1", "w2")) {
                addTo(state, window, (long) i);
                expected.put(KEYS.get(i) + "/" + window, (long) i);
            }
        }
        Map<String, Long> seen = new TreeMap<>();
        for (int group = 0; group < MAX_PARALLELISM; group++) {
            int keyGroup = group;
            state.forEachEntry(keyGroup, (key, namespace, value) -> {
                assertEquals(keyGroup, KeyGroups.assignToKeyGroup(key, MAX_PARALLELISM), key);
                assertNull(seen.put(key + "/" + namespace, (Long) value));
            });
        }
        assertEquals(expected, seen);
    }

    @Test
    void keysAndKeyGroupsOfOtherSubtasksAreRejected() {
        KeyGroupRange firstHalf = KeyGroupRange.forSubtask(MAX_PARALLELISM, 2, 0);
        HeapKeyedStateBackend<String> half = backend(firstHalf);
        String foreign = KEYS.stream().filter(k -> !firstHalf.contains(KeyGroups.assignToKeyGroup(k, MAX_PARALLELISM)))
                .findFirst().orElseThrow();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> half.setCurrentKey(foreign));
        assertTrue(e.getMessage().contains("which this subtask (key groups 0..3) does not own"), e.getMessage());
        InternalKvState<String, ?> state = (InternalKvState<String, ?>) half.getState(
                new ValueStateDescriptor<>("v", Integer.class));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> state.forEachEntry(firstHalf.end() + 1, (k, n, v) -> {}));
        assertEquals("Key group 4 is not in the range 0..3 of this subtask", outside.getMessage());
    }

    // ---------------------------------------------------------------- time-to-live

    @Test
    void ttlOnCreateAndWriteExpiresAfterTheLastWrite() throws Exception {
        ValueState<Integer> state = backend.getState(withTtl(new ValueStateDescriptor<>("v", Integer.class),
                UpdateType.OnCreateAndWrite, StateVisibility.NeverReturnExpired));
        backend.setCurrentKey("a");
        state.update(1);
        now = 50;
        assertEquals(1, state.value(), "reads do not extend the time-to-live");
        now = 99;
        assertEquals(1, state.value());
        now = 100;
        assertNull(state.value());
        assertEquals(0, backend.numberOfEntries("v"), "the expired value was removed on access");
        state.update(2);
        now = 150;
        state.update(3);
        now = 249;
        assertEquals(3, state.value(), "writes restart the time-to-live");
    }

    @Test
    void ttlOnReadAndWriteKeepsValuesInUse() throws Exception {
        ValueState<Integer> state = backend.getState(withTtl(new ValueStateDescriptor<>("v", Integer.class),
                UpdateType.OnReadAndWrite, StateVisibility.NeverReturnExpired));
        backend.setCurrentKey("a");
        state.update(1);
        now = 60;
        assertEquals(1, state.value());
        now = 159;
        assertEquals(1, state.value());
        now = 258;
        assertEquals(1, state.value());
        now = 358;
        assertNull(state.value());
    }

    @Test
    void ttlReturnExpiredIfNotCleanedUpShowsTheExpiredValueOnce() throws Exception {
        ValueState<Integer> state = backend.getState(withTtl(new ValueStateDescriptor<>("v", Integer.class),
                UpdateType.OnCreateAndWrite, StateVisibility.ReturnExpiredIfNotCleanedUp));
        backend.setCurrentKey("a");
        state.update(1);
        now = 100;
        assertEquals(1, state.value(), "expired but not yet cleaned up");
        assertNull(state.value(), "the read cleaned it up");
    }

    @Test
    void ttlListElementsExpireOneByOne() throws Exception {
        ListState<String> state = backend.getListState(withTtl(new ListStateDescriptor<>("l", String.class),
                UpdateType.OnCreateAndWrite, StateVisibility.NeverReturnExpired));
        backend.setCurrentKey("a");
        state.add("x");
        now = 50;
        state.addAll(List.of("y", "z"));
        now = 120;
        assertEquals(List.of("y", "z"), list(state.get()));
        state.add("w");
        now = 150;
        assertEquals(List.of("w"), list(state.get()));
        now = 220;
        assertEquals(List.of(), list(state.get()));
        assertEquals(0, backend.numberOfEntries("l"));
    }

    @Test
    void ttlListWithReturnExpiredAndReadUpdates() throws Exception {
        ListState<String> state = backend.getListState(withTtl(new ListStateDescriptor<>("l", String.class),
                UpdateType.OnReadAndWrite, StateVisibility.ReturnExpiredIfNotCleanedUp));
        backend.setCurrentKey("a");
        state.add("x");
        now = 50;
        state.add("y");
        now = 90;
        assertEquals(List.of("x", "y"), list(state.get()), "refreshes both");
        now = 190;
        assertEquals(List.of("x", "y"), list(state.get()), "both expired, shown once");
        assertEquals(List.of(), list(state.get()));
    }

    @Test
    void ttlMapEntriesExpireOneByOne() throws Exception {
        MapState<String, Integer> state = backend.getMapState(withTtl(
                new MapStateDescriptor<>("m", String.class, Integer.class),
                UpdateType.OnReadAndWrite, StateVisibility.NeverReturnExpired));
        backend.setCurrentKey("a");
        state.put("x", 1);
        state.put("y", 2);
        now = 60;
        state.put("z", 3);
        assertEquals(1, state.get("x"), "refreshes x");
        now = 130;
        assertFalse(state.contains("y"));
        Map<String, Integer> seen = new TreeMap<>();
        state.entries().forEach(e -> seen.put(e.getKey(), e.getValue()));
        assertEquals(Map.of("x", 1, "z", 3), seen);
        now = 230;
        assertTrue(state.isEmpty());
        assertEquals(0, backend.numberOfEntries("m"));
    }

    @Test
    void ttlReducingAndAggregatingStartOverAfterExpiry() throws Exception {
        ReducingState<Long> sum = backend.getReducingState(withTtl(
                new ReducingStateDescriptor<>("sum", Long::sum, Long.class),
                UpdateType.OnCreateAndWrite, StateVisibility.ReturnExpiredIfNotCleanedUp));
        AggregatingState<Long, Double> avg = backend.getAggregatingState(withTtl(
                new AggregatingStateDescriptor<>("avg", new Average(), long[].class),
                UpdateType.OnCreateAndWrite, StateVisibility.NeverReturnExpired));
        backend.setCurrentKey("a");
        sum.add(5L);
        avg.add(5L);
        now = 50;
        sum.add(6L);
        avg.add(7L);
        assertEquals(11L, sum.get());
        assertEquals(6.0, avg.get());
        now = 150;
        sum.add(7L);
        avg.add(1L);
        assertEquals(7L, sum.get(), "an expired value is never combined with new input");
        assertEquals(1.0, avg.get());
    }

    @Test
    void ttlMergeDropsExpiredSources() throws Exception {
        InternalMergingState<String, String, Long, Long> state = backend.getMergingState(withTtl(
                new ReducingStateDescriptor<>("sum", Long::sum, Long.class),
                UpdateType.OnCreateAndWrite, StateVisibility.NeverReturnExpired), StringSerializer.INSTANCE);
        backend.setCurrentKey("a");
        addTo(state, "old", 1L);
        now = 80;
        addTo(state, "young", 10L);
        now = 120;
        state.mergeNamespaces("t", List.of("old", "young"));
        state.setCurrentNamespace("t");
        now = 219;
        assertEquals(10L, state.get(), "merging wrote the value at 120");
    }

    @Test
    void ttlIncrementalCleanupReclaimsKeysNeverTouchedAgain() throws Exception {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(Duration.ofMillis(100)).build();
        ValueStateDescriptor<Integer> valueDescriptor = new ValueStateDescriptor<>("v", Integer.class);
        valueDescriptor.enableTimeToLive(ttl);
        ListStateDescriptor<String> listDescriptor = new ListStateDescriptor<>("l", String.class);
        listDescriptor.enableTimeToLive(ttl);
        ValueState<Integer> state = backend.getState(valueDescriptor);
        ListState<String> list = backend.getListState(listDescriptor);
        for (int i = 0; i < 500; i++) {
            backend.setCurrentKey("key" + i);
            state.update(i);
            list.add("e" + i);
        }
        now = 50;
        for (int i = 0; i < 500; i += 2) {
            backend.setCurrentKey("key" + i);
            list.add("late" + i);
        }
        assertEquals(500, backend.numberOfEntries("v"));
        now = 120;
        backend.setCurrentKey("busy");
        int accesses = 0;
        while (backend.numberOfEntries("v") > 1 && accesses < 10_000) {
            state.update(accesses);
            list.get();
            accesses++;
        }
        assertEquals(1, backend.numberOfEntries("v"), "only the busy key is left");
        assertTrue(accesses < 2_000, "a few entries per access, took " + accesses);
        assertEquals(250, backend.numberOfEntries("l"), "lists with a live element stay");
        int elements = 0;
        for (int group = 0; group < MAX_PARALLELISM; group++) {
            int[] count = {0};
            ((InternalKvState<String, ?>) list).forEachEntry(group,
                    (key, namespace, value) -> count[0] += ((List<?>) value).size());
            elements += count[0];
        }
        assertEquals(250, elements, "expired elements of the remaining lists were purged");
    }

    // ---------------------------------------------------------------- hot path

    @Test
    void valueStateReadsAndWritesDoNotAllocate() throws Exception {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        ValueState<Integer> state = backend.getState(new ValueStateDescriptor<>("v", Integer.class));
        Integer[] values = new Integer[KEYS.size()];
        for (int i = 0; i < KEYS.size(); i++) {
            values[i] = 1000 + i;
            backend.setCurrentKey(KEYS.get(i));
            state.update(values[i]);
        }
        long checksum = 0;
        long before = 0;
        for (int round = 0; round < 2; round++) {
            before = threads.getCurrentThreadAllocatedBytes();
            for (int n = 0; n < 200_000; n++) {
                int i = n % KEYS.size();
                backend.setCurrentKey(KEYS.get(i));
                checksum += state.value();
                state.update(values[i]);
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for 200000 reads and writes");
        assertTrue(checksum > 0);
    }
}
