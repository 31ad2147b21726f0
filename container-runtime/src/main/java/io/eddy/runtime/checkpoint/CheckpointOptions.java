package io.eddy.runtime.checkpoint;

import java.io.Serializable;

/**
 * What a checkpoint is for; sent with its trigger and carried in-band by its barriers, so every
 * task learns it with the checkpoint itself.
 */
public record CheckpointOptions(Type type) implements Serializable {
    public static final CheckpointOptions CHECKPOINT = new CheckpointOptions(Type.CHECKPOINT);

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
