package io.eddy.runtime.deployment;

/**
 * Life cycle of one subtask attempt: DEPLOYING → RUNNING → FINISHED, FAILED or CANCELED. With
 * checkpointing (or while the job is drained for a final savepoint), a subtask whose input ended
 * goes RUNNING → FINISHING and waits there until a checkpoint that holds its final state completes.
 */
public enum ExecutionState {
    DEPLOYING,
    RUNNING,
    /** The input ended (end of input processed, outputs finished); waiting for the final checkpoint. */
    FINISHING,
    FINISHED,
    CANCELED,
    FAILED;

    public boolean isTerminal() {
        return this == FINISHED || this == CANCELED || this == FAILED;
    }
}
