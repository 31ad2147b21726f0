package io.eddy.api.execution;

/**
 * A job did not finish: it failed or was cancelled. For a failure, {@link #getCause()} is the
 * exception the user's code threw (with its stack trace), or the runtime's reason.
 */
public class JobExecutionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final JobId jobId;
    private final JobStatus status;

    public JobExecutionException(JobId jobId, JobStatus status, String message, Throwable cause) {
        super(message, cause);
        this.jobId = jobId;
        this.status = status;
    }

    public JobId getJobId() {
        return jobId;
    }

    /** FAILED or CANCELED. */
    public JobStatus getStatus() {
        return status;
    }
}
