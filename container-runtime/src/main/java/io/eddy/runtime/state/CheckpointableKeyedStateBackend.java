package io.eddy.runtime.state;

import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.runtime.checkpoint.KeyGroupsStateHandle;
import io.eddy.runtime.state.KeyedStateBackend;

import java.io.IOException;
import java.util.List;

/**
 * The keyed state of one operator in one subtask as the runtime sees it: what operators use
 * ({@link KeyedStateBackend}), plus what checkpoints need: a snapshot of every state and timer
 * service by key group, and a restore of the key groups of this backend's range from the files of
 * an earlier run (any parallelism). Made by the configured {@link StateBackend}.
 *
 * <p>Used by the task thread, except that a snapshot is written (and released) by another.
 */
public interface CheckpointableKeyedStateBackend<K> extends KeyedStateBackend<K> {
    TypeSerializer<K> getKeySerializer();

    /**
     * Makes the timers of a timer service part of this backend's snapshots, and restores the timers
     * a snapshot holds under {@code name} into it.
     */
    void registerTimerService(String name, KeyGroupedContent timers);

    /**
     * The synchronous part of a checkpoint: a consistent view of every state and timer service,
     * which another thread writes out while the task goes on.
     */
    KeyedStateSnapshot snapshot(long checkpointId);

    /**
     * Restores the key groups of this backend's range from keyed state files, e.g. those of all
     * subtasks of the run before a rescaling. Called before the operator opens.
     */
    void restore(List<KeyGroupsStateHandle> handles, CheckpointStorage storage) throws IOException;
}
