package io.eddy.runtime.minicluster;

import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobDetails;
import io.eddy.api.execution.JobExecutionResult;
import io.eddy.api.execution.JobId;
import io.eddy.api.execution.JobStatus;
import io.eddy.runtime.jobmaster.JobMaster;

import java.util.concurrent.CompletableFuture;

/** A handle on a job running in this JVM. */
public final class LocalJobClient implements JobClient {
    private final JobMaster master;

    public LocalJobClient(JobMaster master) {
        this.master = master;
    }

    @Override
    public JobId getJobId() {
        return master.getJobGraph().getJobId();
    }

    @Override
    public CompletableFuture<JobStatus> getJobStatus() {
        return CompletableFuture.completedFuture(master.getStatus());
    }

    @Override
    public CompletableFuture<JobDetails> getJobDetails() {
        return CompletableFuture.completedFuture(master.details());
    }

    @Override
    public CompletableFuture<Void> cancel() {
        master.cancel();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<JobExecutionResult> getJobExecutionResult() {
        return master.getResultFuture();
    }
}
