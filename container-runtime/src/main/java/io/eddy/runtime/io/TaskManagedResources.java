package io.eddy.runtime.io;

import io.eddy.api.memory.MemorySegment;
import io.eddy.runtime.memory.MemoryManager;

import java.util.List;

/**
 * The managed memory and spill files one subtask may use: its TaskManager's {@link MemoryManager}
 * and {@link IOManager}, seen through the task's slot. Every page and spill file a batch operator of
 * the task takes is owned by this object, so {@link #releaseAll()}, which the task calls when it
 * finishes, is cancelled or fails, returns all of them however the operators ended; an operator that
 * closes normally gives its pages back earlier with {@link #release}.
 *
 * <p>A slot runs one subtask of each vertex of a job; batch operators of one task share the slot's
 * budget by the fraction the compiler assigned to each ({@link #allocateShare}).
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

    /** Pages for {@code fraction} (0..1] of the slot's budget, all or none; owned by this task. */
    public List<MemorySegment> allocateShare(double fraction) {
        return memoryManager.allocatePages(this, slot, memoryManager.pagesForFraction(fraction));
    }

    /** Gives back pages taken with {@link #allocateShare}; the caller must not touch them afterwards. */
    public void release(List<MemorySegment> pages) {
        memoryManager.release(this, pages);
    }

    public IOManager getIOManager() {
        return ioManager;
    }

    public int usedPages() {
        return memoryManager.usedPages(this);
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
