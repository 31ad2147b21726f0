package io.eddy.api.execution;

/** What a finished job reports back to {@code execute()}: its id, running time and final figures. */
public final class JobExecutionResult {
    private final JobId jobId;
    private final long netRuntimeMillis;
    private final JobDetails details;

    public JobExecutionResult(JobId jobId, long netRuntimeMillis, JobDetails details) {
        this.jobId = jobId;
        this.netRuntimeMillis = netRuntimeMillis;
        this.details = details;
    }

    public JobId getJobId() {
        return jobId;
    }

    public long getNetRuntimeMillis() {
        return netRuntimeMillis;
    }

    /** Final per-vertex figures (records in/out), or null if the executor does not report them. */
    public JobDetails getDetails() {
        return details;
    }

    @Override
    public String toString() {
        return "JobExecutionResult{jobId=" + jobId + ", netRuntime=" + netRuntimeMillis + " ms}";
    }
}
