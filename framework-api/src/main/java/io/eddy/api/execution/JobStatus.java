package io.eddy.api.execution;

/** Life cycle of a job: CREATED → RUNNING → FINISHED, or → FAILING → FAILED, or → CANCELLING → CANCELED. */
public enum JobStatus {
    CREATED,
    RUNNING,
    FAILING,
    FAILED,
    CANCELLING,
    CANCELED,
    FINISHED;

    public boolean isTerminal() {
        return this == FAILED || this == CANCELED || this == FINISHED;
    }
}
