package io.eddy.runtime.state;

import io.eddy.api.state.BroadcastState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.OperatorListState;
import io.eddy.api.types.Types;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Operator list and broadcast state on the heap, and how list state is redistributed on rescaling. */
class OperatorStateTest {
    private static final List<List<String>> THREE_SUBTASKS = List.of(
            List.of("a", "b", "c"), List.of("d"), List.of("e", "f", "g", "h"));

    @Test
    void evenSplitCutsTheConcatenationIntoPartsDifferingByAtMostOne() {
        assertEquals(List.of(List.of("a", "b", "c", "d"), List.of("e", "f", "g", "h")),
                ListStateDistribution.EVEN_SPLIT.redistribute(THREE_SUBTASKS, 2));
        assertEquals(List.of(List.of("a", "b", "c"), List.of("d", "e", "f"), List.of("g", "h")),
                ListStateDistribution.EVEN_SPLIT.redistribute(THREE_SUBTASKS, 3));
        assertEquals(List.of(List.of("a", "b", "c", "d", "e", "f", "g", "h")),
                ListStateDistribution.EVEN_SPLIT.redistribute(THREE_SUBTASKS, 1));
        assertEquals(List.of(List.of("x"), List.of("y"), List.of(), List.of()),
                ListStateDistribution.EVEN_SPLIT.redistribute(List.of(List.of(), List.of("x", "y")), 4));
    }

    @Test
    void evenSplitKeepsEveryElementOnceAtAnyParallelism() {
        List<List<Integer>> old = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (int subtask = 0, next = 0; subtask < 5; subtask++) {
            List<Integer> list = new ArrayList<>();
            for (int i = 0; i < subtask * 3 + 1; i++) {
                list.add(next);
                all.add(next++);
            }
            old.add(list);
        }
        for (int parallelism = 1; parallelism <= 40; parallelism++) {
            List<List<Integer>> parts = ListStateDistribution.EVEN_SPLIT.redistribute(old, parallelism);
            assertEquals(parallelism, parts.size());
            assertEquals(all, parts.stream().flatMap(List::stream).toList());
            int min = parts.stream().mapToInt(List::size).min().getAsInt();
            int max = parts.stream().mapToInt(List::size).max().getAsInt();
            assertEquals(all.size() % parallelism == 0 ? 0 : 1, max - min);
        }
    }

    @Test
    void unionGivesEverySubtaskAllElements() {
        List<String> all = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        assertEquals(List.of(all, all, all, all, all), ListStateDistribution.UNION.redistribute(THREE_SUBTASKS, 5));
        assertThrows(IllegalArgumentException.class, () -> ListStateDistribution.UNION.redistribute(THREE_SUBTASKS, 0));
    }

    @Test
    void listStatesAreIdentifiedByNameAndKind() {
        HeapOperatorStateStore store = new HeapOperatorStateStore();
        ListStateDescriptor<Long> offsets = new ListStateDescriptor<>("offsets", Types.LONG);
        OperatorListState<Long> state = store.getListState(offsets);
        state.addAll(List.of(1L, 2L));
        state.add(3L);
        assertSame(state, store.getListState(new ListStateDescriptor<>("offsets", Long.class)));
        assertEquals(List.of(1L, 2L, 3L), state.get());
        assertThrows(UnsupportedOperationException.class, () -> ((List<Long>) state.get()).add(4L));
        assertThrows(NullPointerException.class, () -> state.add(null));
        state.update(List.of(7L));
        assertEquals(List.of(7L), state.get());
        state.clear();
        assertEquals(List.of(), state.get());
        // the same name as union state, or with another type, is another state: rejected
        assertThrows(IllegalStateException.class, () -> store.getUnionListState(offsets));
        assertThrows(IllegalStateException.class,
                () -> store.getListState(new ListStateDescriptor<>("offsets", Types.STRING)));
    }

    @Test
    void broadcastStateIsAMapWithReadOnlyEntries() {
        HeapOperatorStateStore store = new HeapOperatorStateStore();
        MapStateDescriptor<String, Integer> rules = new MapStateDescriptor<>("rules", String.class, Integer.class);
        BroadcastState<String, Integer> state = store.getBroadcastState(rules);
        state.put("a", 1);
        state.put("b", 2);
        state.remove("a");
        assertEquals(2, state.get("b"));
        assertEquals(false, state.contains("a"));
        assertEquals(1, state.size());
        Map.Entry<String, Integer> entry = state.entries().iterator().next();
        assertThrows(UnsupportedOperationException.class, () -> entry.setValue(5));
        assertSame(state, store.getBroadcastState(rules));
        state.clear();
        assertEquals(0, state.size());
    }
}
