package io.eddy.runtime.keygroups;

import io.eddy.api.state.KeyGroups;
import java.io.Serializable;

/**
 * A contiguous range of key groups [start, end], inclusive. Each parallel subtask of a keyed
 * operator owns one range; keyed state is stored, snapshotted and redistributed in key groups.
 */
public record KeyGroupRange(int start, int end) implements Serializable {
    public KeyGroupRange {
        if (start < 0 || end < start - 1) {
            throw new IllegalArgumentException("Invalid key group range [" + start + ", " + end + "]");
        }
    }

    /** The range that subtask {@code index} of {@code parallelism} owns out of {@code maxParallelism} key groups. */
    public static KeyGroupRange forSubtask(int maxParallelism, int parallelism, int index) {
        KeyGroups.checkParallelism(maxParallelism, parallelism);
        int start = (index * maxParallelism + parallelism - 1) / parallelism;
        int end = ((index + 1) * maxParallelism - 1) / parallelism;
        return new KeyGroupRange(start, end);
    }

    public int size() {
        return end - start + 1;
    }

    public boolean contains(int keyGroup) {
        return keyGroup >= start && keyGroup <= end;
    }
}
