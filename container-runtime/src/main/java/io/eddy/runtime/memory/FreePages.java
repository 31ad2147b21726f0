package io.eddy.runtime.memory;

import io.eddy.api.memory.MemorySegment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The free pages of a managed-memory structure (a sort buffer, a hash table, their spill buffers):
 * the pages it gave back, and the pages of its budget it has not drawn yet.
 *
 * <h2>Model</h2>
 * A budget of {@link #capacity()} pages is reserved in the slot when the structure's operator opens
 * ({@link MemoryManager#reserve}), but a page is only drawn from the {@link MemoryManager} (its pool,
 * or a new array) when {@link #poll()} finds no given-back page: a structure holds as much memory as
 * its data needs, and a job over little data allocates little. The reservation guarantees that the
 * pages not drawn yet are there when the structure grows, so it can count on {@link #size()} pages
 * and spills exactly when the budget is used up, as if it held all of them from the start.
 * {@link #close()} gives every drawn page and the reservation back.
 *
 * <p>{@link #of} wraps pages allocated elsewhere (tests, benchmarks, callers that split a list): then
 * nothing is drawn and nothing goes back on close.
 *
 * <p>Invariant: {@code size() + pages held by the structure == capacity()}, as long as the structure
 * gives back what it polls. Threading: one thread (the task thread), like the structure it feeds.
 */
public final class FreePages implements AutoCloseable {
    /** The manager pages are drawn from; null when the pages were given at construction. */
    private final MemoryManager memoryManager;
    private final Object owner;
    private final int capacity;
    private final int pageSize;
    /** Pages given back, reused first (most recently used first, as they are warm in the caches). */
    private final ArrayDeque<MemorySegment> returned = new ArrayDeque<>();
    /** Every page drawn from the manager, returned to it on close. */
    private final List<MemorySegment> drawn = new ArrayList<>();
    private int undrawn;
    /** Budgets split off this one, closed with it. */
    private final List<FreePages> splits = new ArrayList<>(0);
    private boolean closed;

    FreePages(MemoryManager memoryManager, Object owner, int capacity, int pageSize) {
        this(memoryManager, owner, pageSize, List.of(), capacity);
    }

    /** {@code given} pages free now, drawn elsewhere, and {@code undrawn} more reserved by {@code owner}. */
    private FreePages(MemoryManager memoryManager, Object owner, int pageSize, List<MemorySegment> given, int undrawn) {
        this.memoryManager = memoryManager;
        this.owner = owner;
        this.capacity = given.size() + undrawn;
        this.pageSize = pageSize;
        this.undrawn = undrawn;
        this.returned.addAll(given);
    }

    /** Free pages over pages allocated elsewhere: the caller keeps ownership and releases them itself. */
    public static FreePages of(List<MemorySegment> pages) {
        return new FreePages(null, null, pages.isEmpty() ? 0 : pages.get(0).size(), pages, 0);
    }

    /** Pages of the budget: those free now and those the structure holds. */
    public int capacity() {
        return capacity;
    }

    /** Bytes per page (0 for an empty set of given pages). */
    public int pageSize() {
        return pageSize;
    }

    /** Pages free now: given back or not drawn yet. */
    public int size() {
        return returned.size() + undrawn;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Pages taken from the managed memory so far: what the structure has actually needed at most. */
    public int drawnPages() {
        return drawn.size();
    }

    /** A free page, or null when the whole budget is held. Its contents are undefined. */
    public MemorySegment poll() {
        if (closed) {
            throw new IllegalStateException("The managed memory of " + owner + " was released");
        }
        MemorySegment page = returned.poll();
        if (page != null || undrawn == 0) {
            return page;
        }
        page = memoryManager.draw(owner);
        drawn.add(page);
        undrawn--;
        return page;
    }

    /** A free page; fails when the whole budget is held (the caller checked {@link #size()} before). */
    public MemorySegment pop() {
        MemorySegment page = poll();
        if (page == null) {
            throw new IllegalStateException("All " + capacity + " pages of managed memory are in use");
        }
        return page;
    }

    /**
     * Moves {@code pages} of the free pages to a budget of their own, for two structures that must not
     * take each other's share (the two sorters of a co-group); closed with this one.
     */
    public FreePages split(int pages) {
        if (pages < 0 || pages > size()) {
            throw new IllegalArgumentException("Cannot split " + pages + " of " + size() + " free pages off");
        }
        int given = Math.min(pages, returned.size());
        List<MemorySegment> handed = new ArrayList<>(given);
        for (int i = 0; i < given; i++) {
            handed.add(returned.pop());
        }
        // the handed pages stay in this budget's drawn list: they go back to the manager when it closes
        undrawn -= pages - given;
        FreePages split = new FreePages(memoryManager, owner, pageSize, handed, pages - given);
        splits.add(split);
        return split;
    }

    /** Gives a page back, to be polled again; the caller no longer touches it. */
    public void push(MemorySegment page) {
        returned.push(page);
    }

    public void addAll(Collection<MemorySegment> pages) {
        pages.forEach(returned::push);
    }

    /**
     * Returns every drawn page and the rest of the reservation to the manager (nothing for given pages);
     * the structure must not touch its pages afterwards. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        splits.forEach(FreePages::close);
        returned.clear();
        if (memoryManager != null) {
            memoryManager.returnBudget(owner, drawn, undrawn);
            drawn.clear();
            undrawn = 0;
        }
    }
}
