package io.eddy.runtime.memory;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.IllegalConfigurationException;
import io.eddy.api.config.MemorySize;
import io.eddy.api.memory.MemorySegment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The managed memory of one TaskManager: a fixed number of equal pages ({@link MemorySegment}s),
 * divided evenly among the task slots.
 *
 * <h2>Model</h2>
 * Batch operators <em>reserve</em> a number of pages against an <em>owner</em> (the task) in their slot
 * ({@link #reserve}); a slot never promises more pages than its share, so no operator grows past its
 * budget, and a reservation beyond it fails at once with a {@link MemoryAllocationException} naming
 * the budget and the option that sizes it. The reserved pages are <em>drawn</em> one by one as the
 * operator's structures fill ({@link FreePages#poll()}), so a job touches only the memory its data
 * needs; {@link #allocatePages} reserves and draws at once. Pages go back one by one, all of a budget
 * with {@link FreePages#close()}, or all of an owner with {@link #releaseAll(Object)} when a task
 * finishes, is cancelled or fails.
 *
 * <p>Pages are created on first draw. Released pages are pooled for the next draw, by any task or job
 * of the TaskManager, up to {@link MemoryManagerOptions#POOL_SIZE}; beyond it they are left to the
 * garbage collector, so an idle TaskManager keeps at most that much heap. Released pages are not cleared.
 *
 * <p>Threading: every method is thread-safe (one lock, taken per reservation, per drawn page and per
 * release of a batch of pages, never per record). A page belongs to one owner thread between drawing
 * and release.
 */
public final class MemoryManager {
    private final int pageSize;
    private final int pagesPerSlot;
    private final int numSlots;
    private final String budgetSource;
    /** Most released pages kept for reuse. */
    private final int maxPooledPages;

    private final Object lock = new Object();
    /** Released pages ready for reuse. Guarded by lock. */
    private final ArrayDeque<MemorySegment> pool = new ArrayDeque<>();
    /** Reservations and drawn pages per owner. Guarded by lock. */
    private final Map<Object, Allocation> allocations = new IdentityHashMap<>();
    /** Pages reserved per slot, drawn or not. Guarded by lock. */
    private final int[] usedPerSlot;
    /** Pages drawn and not released, over all slots. Guarded by lock. */
    private long drawnPages;
    private boolean shutDown;

    /** What one owner reserved in its slot, and the pages of it drawn so far ({@code pages.size() <= reserved}). */
    private static final class Allocation {
        final int slot;
        int reserved;
        final Set<MemorySegment> pages = Collections.newSetFromMap(new IdentityHashMap<>());

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
        this(totalBytes, pageSize, numSlots, budgetSource, totalBytes);
    }

    /** As above, pooling at most {@code maxPooledBytes} of released pages for reuse. */
    public MemoryManager(long totalBytes, int pageSize, int numSlots, String budgetSource, long maxPooledBytes) {
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
        this.maxPooledPages = (int) Math.min(Integer.MAX_VALUE, Math.max(0, maxPooledBytes) / pageSize);
    }

    /** Sized from {@link MemoryManagerOptions}: the explicit size, or the fraction of the JVM's maximum heap. */
    public static MemoryManager fromConfiguration(Configuration config, int numSlots) {
        MemorySize pageSize = config.get(MemoryManagerOptions.PAGE_SIZE);
        if (pageSize.getBytes() > Integer.MAX_VALUE) {
            throw new IllegalConfigurationException(MemoryManagerOptions.PAGE_SIZE.key() + " = " + pageSize + " is too large; use at most 1mb.");
        }
        long pooled = config.get(MemoryManagerOptions.POOL_SIZE).getBytes();
        var size = config.getOptional(MemoryManagerOptions.MANAGED_SIZE);
        if (size.isPresent()) {
            return new MemoryManager(size.get().getBytes(), (int) pageSize.getBytes(), numSlots,
                    MemoryManagerOptions.MANAGED_SIZE.key() + " = " + size.get(), pooled);
        }
        double fraction = config.get(MemoryManagerOptions.MANAGED_FRACTION);
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalConfigurationException(MemoryManagerOptions.MANAGED_FRACTION.key() + " = " + fraction
                    + " is invalid: use a value between 0 and 1 (exclusive), or set " + MemoryManagerOptions.MANAGED_SIZE.key() + ".");
        }
        long heap = Runtime.getRuntime().maxMemory();
        return new MemoryManager((long) (heap * fraction), (int) pageSize.getBytes(), numSlots,
                MemoryManagerOptions.MANAGED_FRACTION.key() + " = " + fraction + " of a " + (heap >> 20) + " MiB heap", pooled);
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
     * Reserves {@code numPages} pages in {@code slot} for {@code owner} and returns them as free pages to
     * draw from as needed: all of them or, when the slot's budget has fewer left, none (the exception
     * names the budget and the option sizing it). Nothing is allocated yet.
     */
    public FreePages reserve(Object owner, int slot, int numPages) {
        synchronized (lock) {
            reserveLocked(owner, slot, numPages);
        }
        return new FreePages(this, owner, numPages, pageSize);
    }

    /** Reserves and draws {@code numPages} pages at once: for callers that use every page from the start. */
    public List<MemorySegment> allocatePages(Object owner, int slot, int numPages) {
        List<MemorySegment> pages = new ArrayList<>(numPages);
        synchronized (lock) {
            Allocation allocation = reserveLocked(owner, slot, numPages);
            for (int i = 0; i < numPages; i++) {
                pages.add(drawLocked(allocation));
            }
        }
        return pages;
    }

    private Allocation reserveLocked(Object owner, int slot, int numPages) {
        if (slot < 0 || slot >= numSlots) {
            throw new IllegalArgumentException("Slot " + slot + " does not exist; this TaskManager has " + numSlots);
        }
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
        allocation.reserved += numPages;
        usedPerSlot[slot] += numPages;
        return allocation;
    }

    /** One page of a reservation of {@code owner}, pooled or new; {@link FreePages} keeps count of its reservation. */
    MemorySegment draw(Object owner) {
        synchronized (lock) {
            Allocation allocation = allocations.get(owner);
            if (allocation == null || allocation.pages.size() >= allocation.reserved) {
                throw new IllegalStateException(owner + " has no reserved managed memory left to draw from");
            }
            if (shutDown) {
                throw new IllegalStateException("The memory manager is shut down; the TaskManager is stopping");
            }
            return drawLocked(allocation);
        }
    }

    private MemorySegment drawLocked(Allocation allocation) {
        MemorySegment page = pool.poll();
        if (page == null) {
            page = MemorySegment.allocate(pageSize);
        }
        allocation.pages.add(page);
        drawnPages++;
        return page;
    }

    /** Gives back pages of {@code owner} and their reservation; the caller must not touch them afterwards. */
    public void release(Object owner, Collection<MemorySegment> pages) {
        synchronized (lock) {
            Allocation allocation = allocations.get(owner);
            if (allocation == null) {
                throw new IllegalArgumentException(owner + " holds no managed memory");
            }
            for (MemorySegment page : pages) {
                if (!allocation.pages.contains(page)) {
                    throw new IllegalArgumentException("A page released by " + owner + " is not one of its pages");
                }
            }
            releaseLocked(owner, allocation, pages, 0);
        }
    }

    /**
     * The end of a {@link FreePages} budget: its drawn pages and its {@code undrawn} reserved pages go back.
     * Nothing happens when the owner's task released everything already ({@link #releaseAll}).
     */
    void returnBudget(Object owner, Collection<MemorySegment> drawn, int undrawn) {
        synchronized (lock) {
            Allocation allocation = allocations.get(owner);
            if (allocation != null) {
                releaseLocked(owner, allocation, drawn, undrawn);
            }
        }
    }

    private void releaseLocked(Object owner, Allocation allocation, Collection<MemorySegment> pages, int undrawn) {
        int released = 0;
        for (MemorySegment page : pages) {
            if (allocation.pages.remove(page)) {
                released++;
                recycle(page);
            }
        }
        drawnPages -= released;
        int unreserved = Math.min(allocation.reserved, released + undrawn);
        allocation.reserved -= unreserved;
        usedPerSlot[allocation.slot] -= unreserved;
        if (allocation.reserved == 0) {
            allocations.remove(owner);
        }
    }

    private void recycle(MemorySegment page) {
        if (!shutDown && pool.size() < maxPooledPages) {
            pool.push(page);
        }
    }

    /** Gives back every page and reservation of {@code owner}: on finish, cancel and failure. Nothing happens when it holds none. */
    public void releaseAll(Object owner) {
        synchronized (lock) {
            Allocation allocation = allocations.remove(owner);
            if (allocation != null) {
                usedPerSlot[allocation.slot] -= allocation.reserved;
                drawnPages -= allocation.pages.size();
                allocation.pages.forEach(this::recycle);
            }
        }
    }

    /** The TaskManager's managed memory: every slot's budget. */
    public long getTotalBytes() {
        return (long) pagesPerSlot * numSlots * pageSize;
    }

    /** Managed memory actually allocated to operators now (drawn pages), over all slots. */
    public long getDrawnBytes() {
        synchronized (lock) {
            return drawnPages * pageSize;
        }
    }

    /** Released pages kept for reuse. */
    public int pooledPages() {
        synchronized (lock) {
            return pool.size();
        }
    }

    /** Managed memory reserved by operators now, drawn or not, over all slots. */
    public long getUsedBytes() {
        long pages = 0;
        synchronized (lock) {
            for (int used : usedPerSlot) {
                pages += used;
            }
        }
        return pages * pageSize;
    }

    /** Pages reserved in {@code slot}. */
    public int usedPages(int slot) {
        synchronized (lock) {
            return usedPerSlot[slot];
        }
    }

    /** Pages reserved by {@code owner}, drawn or not. */
    public int usedPages(Object owner) {
        synchronized (lock) {
            Allocation allocation = allocations.get(owner);
            return allocation == null ? 0 : allocation.reserved;
        }
    }

    /** Pages {@code owner} has drawn and not released. */
    public int drawnPages(Object owner) {
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
