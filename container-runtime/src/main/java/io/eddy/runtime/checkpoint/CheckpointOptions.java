package io.eddy.runtime.checkpoint;

import java.io.Serializable;

/**
 * What a checkpoint is for and where its state goes; sent with its trigger and carried in-band by
 * its barriers, so every task learns it with the checkpoint itself.
 *
 * @param storageDirectory the directory whose {@link CheckpointStorage} the location belongs to (the
 *     job's checkpoint directory, or a savepoint's target directory)
 * @param location the {@link CheckpointLocationthere too, since container-runtime's tests cannot depend on test-utils.pointer()} of the checkpoint's or savepoint's own
 *     directory, where the tasks write their state files directly
 * @param finalCheckpoint the coordinator took it because every task reached the end of its input
 *     (the final checkpoint, or a drain's final savepoint): its completion lets the tasks finish.
 *     Other checkpoints taken after a task's end of input only record its final state.
 */
public record CheckpointOptions(Type type, String storageDirectory, String location, boolean finalCheckpoint)
        implements Serializable {
    public enum Type {
        CHECKPOINT,
        SAVEPOINT,
        /**
         * A savepoint that stops the job: a source emits nothing after its barrier, every task waits
         * after taking its part; on completion the tasks finish without ending their input (no
         * end-of-input flush, no final watermark), so a job resumed from it continues seamlessly.
         * If it is aborted, the tasks go on.
         */
        STOP_SAVEPOINT
    }
}
