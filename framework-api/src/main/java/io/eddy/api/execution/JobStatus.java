package io.eddy.api.execution;

/**
 * Life cycle of a job: CREATED → RUNNING → FINISHED, or → FAILING → FAILED, or → CANCELLING →
 * CANCELED; a task failure the restart strategy allows for goes RUNNING → RESTARTING → RUNNING.
 */
public enum JobStatus {
    CREATED,
    RUNNING,
    FAILING,
    RESTARTING,
    FAILED,
    CANCELLING,
    CANCELED,
    FINISHED;

    public boolean isTerminal() {
        return this == FAILED || this == CANCELED || this == FINISHED;
    }
}
