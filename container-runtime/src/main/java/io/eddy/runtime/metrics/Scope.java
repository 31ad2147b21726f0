package io.eddy.runtime.metrics;

/**
 * Where a metric comes from. Each scope adds variables to those of the scope it lies in:
 * <pre>
 * JOBMANAGER      host
 *   JOB           + job_id, job_name                      (checkpoints, restarts: the JobMaster's view)
 * TASKMANAGER     host, tm_id
 *   TASK          + job_id, job_name, task_id, task_name, subtask_index, attempt
 *     OPERATOR    + operator_id, operator_name
 * </pre>
 * A reporter names a metric after its scope (Prometheus: {@code eddy_taskmanager_job_task_operator_numRecordsIn})
 * and gives the variables as labels.
 */
public enum Scope {
    JOBMANAGER("jobmanager"),
    JOB("jobmanager_job"),
    TASKMANAGER("taskmanager"),
    TASK("taskmanager_job_task"),
    OPERATOR("taskmanager_job_task_operator");

    private final String prefix;

    Scope(String prefix) {
        this.prefix = prefix;
    }

    /** The reporters' prefix of the scope's metric names. */
    public String prefix() {
        return prefix;
    }
}
