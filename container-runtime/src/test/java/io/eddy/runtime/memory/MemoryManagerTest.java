package io.eddy.runtime.memory;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.IllegalConfigurationException;
import io.eddy.api.config.MemorySize;
import io.eddy.api.memory.MemorySegment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryManagerTest {

    @Test
    void theConfiguredSizeIsDividedAmongSlotsAndNoOwnerGoesBeyondItsSlot() {
        Configuration config = new Configuration()
                .set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("8mb"))
                .set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("64kb"));
        MemoryManager memory = MemoryManager.fromConfiguration(config, 2);
        assertEquals(64 * 1024, memory.getPageSize());
        assertEquals(64, memory.getPagesPerSlot());

        Object sorter = "sorter";
        Object join = "join";
        List<MemorySegment> sortPages = memory.allocatePages(sorter, 0, 40);
        assertEquals(40, sortPages.size());
        assertEquals(64 * 1024, sortPages.get(0).size());
        memory.allocatePages(join, 0, 24);
        MemoryAllocationException e = assertThrows(MemoryAllocationException.class, () -> memory.allocatePages(join, 0, 1));
        assertTrue(e.getMessage().contains("slot 0 has 0 of its 64 pages"), e.getMessage());
        assertTrue(e.getMessage().contains("taskmanager.memory.managed.size = 8 mb") || e.getMessage().contains("taskmanager.memory.managed.size"), e.getMessage());
        // the other slot is untouched
        assertEquals(64, memory.allocatePages("other", 1, 64).size());

        memory.release(sorter, sortPages.subList(0, 10));
        assertEquals(30, memory.usedPages(sorter));
        assertEquals(54, memory.usedPages(0));
        memory.releaseAll(join);
        memory.releaseAll(sorter);
        assertEquals(0, memory.usedPages(0));
        // released pages are reused rather than allocated anew
        MemorySegment reused = memory.allocatePages("next", 0, 1).get(0);
        assertTrue(sortPages.stream().anyMatch(page -> page == reused));
    }

    @Test
    void theFractionOfTheHeapIsUsedWhenNoSizeIsSet() {
        MemoryManager memory = MemoryManager.fromConfiguration(new Configuration().set(MemoryManagerOptions.MANAGED_FRACTION, 0.1), 1);
        long expected = (long) (Runtime.getRuntime().maxMemory() * 0.1) / memory.getPageSize();
        assertEquals(expected, memory.getPagesPerSlot());
    }

    @Test
    void invalidSettingsAreRejectedWithTheKey() {
        IllegalConfigurationException fraction = assertThrows(IllegalConfigurationException.class,
                () -> MemoryManager.fromConfiguration(new Configuration().set(MemoryManagerOptions.MANAGED_FRACTION, 1.5), 1));
        assertTrue(fraction.getMessage().contains("taskmanager.memory.managed.fraction"), fraction.getMessage());
        IllegalConfigurationException page = assertThrows(IllegalConfigurationException.class,
                () -> MemoryManager.fromConfiguration(new Configuration().set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("3000b")), 1));
        assertTrue(page.getMessage().contains("taskmanager.memory.managed.page-size"), page.getMessage());
    }

    @Test
    void foreignPagesCannotBeReleased() {
        MemoryManager memory = new MemoryManager(1 << 20, 32 * 1024, 1, "test");
        memory.allocatePages("a", 0, 1);
        List<MemorySegment> b = memory.allocatePages("b", 0, 1);
        assertThrows(IllegalArgumentException.class, () -> memory.release("a", b));
        assertEquals(2, memory.usedPages(0));
    }

    @Test
    void aReservationDrawsPagesOnlyWhenPolledAndGivesEverythingBackOnClose() {
        MemoryManager memory = new MemoryManager(64 * 32 * 1024, 32 * 1024, 2, "test");
        FreePages sort = memory.reserve("sort", 0, 20);
        // reserved, not allocated: the slot's budget counts it, the heap does not hold it yet
        assertEquals(20, memory.usedPages(0));
        assertEquals(0, memory.getDrawnBytes());
        assertEquals(20, sort.size());
        MemoryAllocationException e = assertThrows(MemoryAllocationException.class, () -> memory.reserve("join", 0, 13));
        assertTrue(e.getMessage().contains("slot 0 has 12 of its 32 pages"), e.getMessage());

        MemorySegment first = sort.poll();
        sort.poll();
        assertEquals(2, sort.drawnPages());
        assertEquals(2L * 32 * 1024, memory.getDrawnBytes());
        assertEquals(18, sort.size());
        sort.push(first);
        assertSame(first, sort.poll(), "a page given back is reused before another is drawn");
        assertEquals(2, sort.drawnPages());
        List<MemorySegment> held = new java.util.ArrayList<>();
        for (int i = 0; i < 18; i++) {
            held.add(sort.pop());
        }
        assertEquals(null, sort.poll(), "the budget is used up");
        assertEquals(20, memory.drawnPages("sort"));

        sort.close();
        assertTrue(memory.isIdle());
        assertEquals(0, memory.usedPages(0));
        assertEquals(0, memory.getDrawnBytes());
        assertThrows(IllegalStateException.class, sort::poll);
        // the next job's structures reuse the pooled pages
        MemorySegment reused = memory.reserve("next job", 1, 1).poll();
        assertTrue(held.stream().anyMatch(page -> page == reused));
    }

    @Test
    void aSplitBudgetKeepsItsShareAndClosesWithItsParent() {
        MemoryManager memory = new MemoryManager(32 * 32 * 1024, 32 * 1024, 1, "test");
        FreePages coGroup = memory.reserve("co-group", 0, 10);
        MemorySegment given = coGroup.poll();
        coGroup.push(given);
        FreePages right = coGroup.split(5);
        assertEquals(5, coGroup.size());
        assertEquals(5, right.size());
        assertSame(given, right.poll(), "the free pages already drawn move first");
        for (int i = 0; i < 4; i++) {
            right.pop();
        }
        assertEquals(null, right.poll(), "the right side cannot take the left side's share");
        for (int i = 0; i < 5; i++) {
            coGroup.pop();
        }
        assertEquals(10, memory.drawnPages("co-group"));
        coGroup.close();
        assertTrue(memory.isIdle());
        assertEquals(0, memory.getDrawnBytes());
    }

    @Test
    void thePoolKeepsAtMostItsBoundOfReleasedPages() {
        MemoryManager memory = new MemoryManager(32 * 32 * 1024, 32 * 1024, 1, "test", 4 * 32 * 1024);
        memory.releaseAll("a");
        List<MemorySegment> pages = memory.allocatePages("a", 0, 10);
        memory.release("a", pages);
        assertEquals(4, memory.pooledPages());
        FreePages next = memory.reserve("b", 0, 10);
        for (int i = 0; i < 10; i++) {
            next.pop();
        }
        assertEquals(0, memory.pooledPages());
        memory.releaseAll("b");
        assertEquals(4, memory.pooledPages());
        assertTrue(memory.isIdle());
        next.close(); // after the task released everything: nothing left to give back
        assertEquals(0, memory.usedPages(0));
    }
}
