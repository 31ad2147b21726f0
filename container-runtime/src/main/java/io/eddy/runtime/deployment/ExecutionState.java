package io.eddy.runtime.deployment;

/**
 * Life cycle of one subtask attempt: DEPLOYING → RUNNING → FINISHED, FAILED or CANCELED. With
 * checkpointing (or while the job is drained for a final savepoint), a subtask whose input ended
 * goes RUNNING → FINISHING and waits there, taking its part (its final state) of every checkpoint
 * and savepoint the rest of the job takes meanwhile, until the final checkpoint (taken once every
 * subtask is FINISHING) or a stop savepoint completes.
 */
public enum ExecutionState {
    DEPLOYING,
    RUNNING,
    /** The input ended (end of input processed, outputs finished); checkpointed, waiting for the final checkpoint. */
    FINISHING,
    FINISHED,
    CANCELED,
    FAILED;

    public boolean isTerminal() {
        return this == FINISHED || this == CANCELED || this == FAILED;
    }
}
