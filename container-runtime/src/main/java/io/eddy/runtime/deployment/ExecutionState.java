package io.eddy.runtime.deployment;

/** Life cycle of one subtask attempt: DEPLOYING → RUNNING → FINISHED, FAILED or CANCELED. */
public enum ExecutionState {
    DEPLOYING,
    RUNNING,
    FINISHED,
    CANCELED,
    FAILED;

    public boolean isTerminal() {
        return this == FINISHED || this == CANCELED || this == FAILED;
    }
}
