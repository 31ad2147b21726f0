package io.eddy.api.execution;

/** What a checkpoint guarantees about the state it captures. */
public enum CheckpointingMode {
    /**
     * Every record affects the state exactly once: a task with several inputs holds back an input
     * whose barrier arrived until the barrier arrived on all of them (alignment).
     */
    EXACTLY_ONCE,
    /**
     * No alignment: records that overtook a barrier are in the snapshot and are processed again
     * after a recovery. Lower latency under back pressure; idempotent results are still exact.
     */
    AT_LEAST_ONCE
}
