package io.eddy.runtime.state;

import java.util.TreeSet;

/**
 * The copy-on-write clock shared by the state tables of one backend. Every bucket array, entry and
 * stored value carries the version it was created (or copied) in. A snapshot pins the current
 * version and the clock moves on; from then on the task thread must not change anything whose
 * version is at most the highest pinned one, because the snapshot's writer thread reads it. It
 * copies such an object before changing it, at most once per object and snapshot.
 *
 * <p>The task thread takes snapshots and reads {@link #pinned()}; releases may come from the
 * writer thread. {@code pinned} is volatile so that a release (after the writer's last read)
 * happens-before the task thread's in-place writes to what the writer read.
 */
final class CopyOnWriteVersions {
    /** Version of what the task thread creates now. Task thread only. */
    private int current;
    private volatile int pinned = -1;
    private final TreeSet<Integer> running = new TreeSet<>();

    int current() {
        return current;
    }

    /** The highest version a running snapshot reads, or -1 when none runs. */
    int pinned() {
        return pinned;
    }

    /** Pins the current version for a new snapshot and moves the clock on; task thread. */
    synchronized int pin() {
        int version = current++;
        running.add(version);
        pinned = version;
        return version;
    }

    /** The snapshot of {@code version} is done reading; any thread. */
    synchronized void release(int version) {
        if (running.remove(version)) {
            pinned = running.isEmpty() ? -1 : running.last();
        }
    }
}
