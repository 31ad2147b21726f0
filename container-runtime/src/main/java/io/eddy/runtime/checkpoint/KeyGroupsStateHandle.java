package io.eddy.runtime.checkpoint;

import io.eddy.runtime.checkpoint.StateHandle;
import io.eddy.runtime.keygroups.KeyGroupRange;

import java.io.Serializable;

/**
 * The keyed state file of one subtask in one checkpoint: the file, the key groups it holds and
 * where each key group's section starts, so that a restore at another parallelism reads only the
 * key groups it owns.
 *
 * @param offsets byte offset of the section of key group {@code range.start() + i} at index {@code i}
 */
public record KeyGroupsStateHandle(StateHandle file, KeyGroupRange range, long[] offsets) implements Serializable {
    public KeyGroupsStateHandle {
        if (offsets.length != range.size()) {
            throw new IllegalArgumentException(offsets.length + " offsets for " + range.size() + " key groups");
        }
    }

    /** Where the section of {@code keyGroup} starts. */
    public long offset(int keyGroup) {
        return offsets[keyGroup - range.start()];
    }

    /** The key groups both this file and {@code other} hold; empty (end before start) when none. */
    public KeyGroupRange intersection(KeyGroupRange other) {
        int start = Math.max(range.start(), other.start());
        int end = Math.min(range.end(), other.end());
        return end < start ? new KeyGroupRange(start, start - 1) : new KeyGroupRange(start, end);
    }
}
