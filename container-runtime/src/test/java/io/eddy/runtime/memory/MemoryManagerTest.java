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
        assertSame(sortPages.get(9), memory.allocatePages("next", 0, 1).get(0));
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
}
