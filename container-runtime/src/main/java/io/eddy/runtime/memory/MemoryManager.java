package io.eddy.runtime.memory;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.IllegalConfigurationException;
import io.eddy.api.config.MemorySize;
import io.eddy.api.memory.MemorySegment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The managed memory of one TaskManager: a fixed number of equal pages ({@link MemorySegment}s),
 * divided evenly among the task slots. Batch operators allocate pages against an <em>owner</em> (the
 * operator instance) in their slot, work only inside them, and give them back one by one or all at
 * once with {@link #releaseAll(Object)} when they finish, are cancelled or fail. A slot never hands
 * out more pages than its share, so no operator grows past its budget: an allocation beyond it fails
 * at once with a {@link MemoryAllocationException} naming the budget and the option that sizes it.
 *
 * <p>Pages are created on first use and pooled after release, so an idle TaskManager holds no heap
 * and a busy one reuses its pages instead of producing garbage. Released pages are not cleared.
 *
 * <p>Threading: every method is thread-safe (one lock, taken per allocation or release of a batch of
 * pages, never per record). A page belongs to one owner thread between allocation and release.
 */
public final class MemoryManager {
    private final int pageSize;
    private final int pagesPerSlot;
    private final int numSlots;
    private final String budgetSource;

    private final Object lock = new Object();
    /** Released pages ready for reuse. Guarded by lock. */
    private final ArrayDeque<MemorySegment> pool = new ArrayDeque<>();
    /** Pages in use per owner. Guarded by lock. */
    private final Map<Object, Allocation> allocations = new IdentityHashMap<>();
    /** Pages in use per slot. Guarded by lock. */
    private final int[] usedPerSlot;
    private boolean shutDown;

    /** The pages of one owner, and the slot they count against. */
    private static final class Allocation {
        final int slot;
        final Set<MemorySegment> pages = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        Allocation(int slot) {
            this.slot = slot;
        }
    }

    /**
     * @param totalBytes    managed memory of the TaskManager
     * @param pageSize      bytes per page
     * @param numSlots      task slots sharing it evenly
     * @param budgetSource  how the size was configured, quoted in allocation errors
     */
    public MemoryManager(long totalBytes, int pageSize, int numSlots, String budgetSource) {
        if (pageSize < 4096 || pageSize > (1 << 20) || Integer.bitCount(pageSize) != 1) {
            throw new IllegalConfigurationException("Managed memory page size " + pageSize + " is invalid: set "
                    + MemoryManagerOptions.PAGE_SIZE.key() + " to a power of two between 4kb and 1mb.");
        }
        if (numSlots < 1) {
            throw new IllegalArgumentException("A TaskManager has at least one slot, not " + numSlots);
        }
        this.pageSize = pageSize;
        this.numSlots = numSlots;
        this.pagesPerSlot = (int) Math.min(Integer.MAX_VALUE, totalBytes / pageSize / numSlots);
        this.usedPerSlot = new int[numSlots];
        this.budgetSource = budgetSource;
    }

    /** Sized from {@link MemoryManagerOptions}: the explicit size, or the fraction of the JVM's maximum heap. */
    public static MemoryManager fromConfiguration(Configuration config, int numSlots) {
        MemorySize pageSize = config.get(MemoryManagerOptions.PAGE_SIZE);
        if (pageSize.getBytes() > Integer.MAX_VALUE) {
            throw new IllegalConfigurationException(MemoryManagerOptions.PAGE_SIZE.key() + " = " + pageSize + " is too large; use at most 1mb.");
        }
        var size = config.getOptional(MemoryManagerOptions.MANAGED_SIZE);
        if (size.isPresent()) {
            return new MemoryManager(size.get().getBytes(), (int) pageSize.getBytes(), numSlots,
                    MemoryManagerOptions.MANAGED_SIZE.key() + " = " + size.get());
        }
        double fraction = config.get(MemoryManagerOptions.MANAGED_FRACTION);
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalConfigurationException(MemoryManagerOptions.MANAGED_FRACTION.key() + " = " + fraction
                    + " is invalid: use a value between 0 and 1 (exclusive), or set " + MemoryManagerOptions.MANAGED_SIZE.key() + ".");
        }
        long heap = Runtime.getRuntime().maxMemory();
        return new MemoryManager((long) (heap * fraction), (int) pageSize.getBytes(), numSlots,
                MemoryManagerOptions.MANAGED_FRACTION.key() + " = " + fraction + " of a " + (heap >> 20) + " MiB heap");
    }

    public int getPageSize() {
        return pageSize;
    }

    /** The budget of each slot, in pages. */
    public int getPagesPerSlot() {
        return pagesPerSlot;
    }

    /** Pages of the given share (0..1] of a slot's budget, at least one: how the optimizer splits a slot among operators. */
    public int pagesForFraction(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("A share of a slot's managed memory is in (0, 1], not " + fraction);
        }
        return Math.max(1, (int) (pagesPerSlot * fraction));
    }

    /**
     * Allocates {@code numPages} pages in {@code slot} for {@code owner}: all of them or, when the slot's
     * budget has fewer left, none (the exception names the budget and the option sizing it).
     */
    public List<MemorySegment> allocatePages(Object owner, int slot, int numPages) {
        if (slot < 0 || slot >= numSlots) {
            throw new IllegalArgumentException("Slot " + slot + " does not exist; this TaskManager has " + numSlots);
        }
        List<MemorySegment> pages = new ArrayList<>(numPages);
        synchronized (lock) {
            if (shutDown) {
                throw new IllegalStateException("The memory manager is shut down; the TaskManager is stopping");
            }
            if (usedPerSlot[slot] + numPages > pagesPerSlot) {
                throw new MemoryAllocationException("Cannot allocate " + numPages + " managed memory pages for " + owner
                        + ": slot " + slot + " has " + (pagesPerSlot - usedPerSlot[slot]) + " of its " + pagesPerSlot
                        + " pages of " + pageSize + " bytes (" + ((long) pagesPerSlot * pageSize >> 20) + " MiB) left, from "
                        + budgetSource + " divided among " + numSlots + " slot(s). Raise " + MemoryManagerOptions.MANAGED_SIZE.key()
                        + " (or " + MemoryManagerOptions.MANAGED_FRACTION.key() + "), or lower the parallelism per TaskManager.");
            }
            Allocation allocation = allocations.get(owner);
            if (allocation == null) {
                allocation = new Allocation(slot);
                allocations.put(owner, allocation);
            } else if (allocation.slot != slot) {
                throw new IllegalArgumentException(owner + " already holds pages of slot " + allocation.slot + ", not " + slot);
            }
            for (int i = 0; i < numPages; i++) {
                MemorySegment page = pool.poll();
                pages.add(page != null ? page : MemorySegment.allocate(pageSize));
            }
            allocation.pages.addAll(pages);
            usedPerSlot[slot] += numPages;
        }
        return pages;
    }

    /** Gives back pages of {@code owner}; the caller must not touch them afterwards. */
    public void release(Object owner, Collection<MemorySegment> pages) {
        synchronized (lock) {
            Allocation allocation = allocations.get(owner);
            if (allocation == null) {
                throw new IllegalArgumentException(owner + " holds no managed memory");
            }
            for (MemorySegment page : pages) {
                if (!allocation.pages.remove(page)) {
                    throw new IllegalArgumentException("A page released by " + owner + " is not one of its pages");
                }
                usedPerSlot[allocation.slot]--;
                if (!shutDown) {
                    pool.push(page);
                }
            }
            if (allocation.pages.isEmpty()) {
                allocations.remove(owner);
            }
        }
    }

    /** Gives back every page of {@code owner}: on finish, cancel and failure. Nothing happens when it holds none. */
    public void releaseAll(Object owner) {
        synchronized (lock) {
            Allocation allocation = allocations.remove(owner);
            if (allocation != null) {
                usedPerSlot[allocation.slot] -= allocation.pages.size();
                if (!shutDown) {
                    pool.addAll(allocation.pages);
                }
            }
        }
    }

    /** The TaskManager's managed memory: every slot's budget. */
    public long getTotalBytes() {
        return (long) pagesPerSlot * numSlots * pageSize;
    }

    /** Managed memory held by operators now, over all slots. */
    public long getUsedBytes() {
        long pages = 0;
        synchronized (lock) {
            for (int used : usedPerSlot) {
                pages += used;
            }
        }
        return pages * pageSize;
    }

    /** Pages in use in {@code slot}. */
    public int usedPages(int slot) {
        synchronized (lock) {
            return usedPerSlot[slot];
        }
    }

    /** Pages in use by {@code owner}. */
    public int usedPages(Object owner) {
        synchronized (lock) {
            Allocation allocation = allocations.get(owner);
            return allocation == null ? 0 : allocation.pages.size();
        }
    }

    /** True when no owner holds pages. */
    public boolean isIdle() {
        synchronized (lock) {
            return allocations.isEmpty();
        }
    }

    /** Drops the pool and refuses further allocations; pages still held stay valid and are dropped when released. */
    public void shutdown() {
        synchronized (lock) {
            shutDown = true;
            pool.clear();
        }
    }
}
