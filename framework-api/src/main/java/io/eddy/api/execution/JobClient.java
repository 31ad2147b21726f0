package io.eddy.api.execution;

import java.util.concurrent.CompletableFuture;

/** A handle on a submitted job, wherever it runs (embedded, standalone cluster, YARN). */
public interface JobClient {
    JobId getJobId();

    CompletableFuture<JobStatus> getJobStatus();

    CompletableFuture<JobDetails> getJobDetails();

    /** Asks the job to stop; completes once the request is accepted, not when the job is gone. */
    CompletableFuture<Void> cancel();

    /**
     * Completes with the result when the job finishes, or exceptionally with a
     * {@link JobExecutionException} when it fails or is cancelled.
     */
    CompletableFuture<JobExecutionResult> getJobExecutionResult();
}
