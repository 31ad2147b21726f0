package io.eddy.runtime.io;

import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.memory.MemoryManager;

/**
 * The managed memory and spill files one subtask may use: its TaskManager's {@link MemoryManager}
 * and {@link IOManager}, seen through the task's slot. Every page and spill file a batch operator of
 * the task takes is owned by this object, so {@link #releaseAll()}, which the task calls when it
 * finishes, is cancelled or fails, returns all of them however the operators ended; an operator that
 * closes normally gives its pages back earlier with {@link #release}.
 *
 * <p>A slot runs one subtask of each vertex of a job; batch operators of one task share the slot's
 * budget by the fraction the compiler assigned to each ({@link #reserveShare}), and draw the pages of
 * their share only as their structures fill.
 *
 * <p>Threading: the task thread allocates and releases; {@link #releaseAll()} runs after the task
 * thread has left the operators (the underlying managers are thread-safe).
 */
public final class TaskManagedResources {
    private final MemoryManager memoryManager;
    private final IOManager ioManager;
    private final int slot;
    private final String taskName;

    public TaskManagedResources(MemoryManager memoryManager, IOManager ioManager, int slot, String taskName) {
        this.memoryManager = memoryManager;
        this.ioManager = ioManager;
        this.slot = slot;
        this.taskName = taskName;
    }

    /**
     * Reserves {@code fraction} (0..1] of the slot's budget, all or none, owned by this task: pages drawn
     * as the caller polls them, returned when it closes the free pages (or by {@link #releaseAll()}).
     */
    public FreePages reserveShare(double fraction) {
        return memoryManager.reserve(this, slot, memoryManager.pagesForFraction(fraction));
    }

    public IOManager getIOManager() {
        return ioManager;
    }

    /** Pages reserved by the task's operators, drawn or not. */
    public int usedPages() {
        return memoryManager.usedPages(this);
    }

    /** Pages the task's operators have drawn and not given back. */
    public int drawnPages() {
        return memoryManager.drawnPages(this);
    }

    public int spillFiles() {
        return ioManager.fileCount(this);
    }

    /** Returns every page and deletes every spill file of the task: on finish, cancel and failure. */
    public void releaseAll() {
        memoryManager.releaseAll(this);
        ioManager.deleteAll(this);
    }

    @Override
    public String toString() {
        return taskName;
    }
}
