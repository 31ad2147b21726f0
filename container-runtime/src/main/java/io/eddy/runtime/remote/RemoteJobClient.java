package io.eddy.runtime.remote;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobDetails;
import io.eddy.api.execution.JobExecutionException;
import io.eddy.api.execution.JobExecutionResult;
import io.eddy.api.execution.JobId;
import io.eddy.api.execution.JobStatus;
import io.eddy.runtime.rest.RestClient;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** A handle on a job of a remote cluster, through its REST API. */
public final class RemoteJobClient implements JobClient {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final long POLL_MILLIS = 200;

    private final RestClient rest;
    private final JobId jobId;
    private final String path;
    private CompletableFuture<JobExecutionResult> result;

    public RemoteJobClient(RestClient rest, JobId jobId) {
        this.rest = rest;
        this.jobId = jobId;
        this.path = "/jobs/" + jobId.toHexString();
    }

    @Override
    public JobId getJobId() {
        return jobId;
    }

    @Override
    public CompletableFuture<JobStatus> getJobStatus() {
        return getJobDetails().thenApply(JobDetails::status);
    }

    @Override
    public CompletableFuture<JobDetails> getJobDetails() {
        return CompletableFuture.supplyAsync(this::details);
    }

    private JobDetails details() {
        try {
            return JSON.treeToValue(rest.get(path), JobDetails.class);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    @Override
    public CompletableFuture<Void> cancel() {
        return CompletableFuture.runAsync(() -> {
            try {
                rest.post(path + "/cancel", new byte[0], "application/json");
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Polls the job until it ends; a failure carries the remote root cause with its stack trace. */
    @Override
    public synchronized CompletableFuture<JobExecutionResult> getJobExecutionResult() {
        if (result == null) {
            result = CompletableFuture.supplyAsync(() -> {
                try {
                    while (true) {
                        JobDetails d = details();
                        switch (d.status()) {
                            case FINISHED -> {
                                return new JobExecutionResult(jobId, d.durationMillis(), d);
                            }
                            case CANCELED -> throw new JobExecutionException(jobId, JobStatus.CANCELED,
                                    "Job '" + d.name() + "' (" + jobId + ") was cancelled", null);
                            case FAILED -> throw new JobExecutionException(jobId, JobStatus.FAILED,
                                    "Job '" + d.name() + "' (" + jobId + ") failed: " + d.failureCause(), remoteFailure());
                            default -> TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
                        }
                    }
                } catch (JobExecutionException e) {
                    throw new CompletionException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
            });
        }
        return result;
    }

    private RemoteException remoteFailure() {
        try {
            JsonNode e = rest.get(path + "/exception");
            return RemoteException.of(e.path("exceptionClass").asText("unknown"), e.path("message").asText(null),
                    e.path("stackTrace").asText(""));
        } catch (Exception e) {
            return RemoteException.of("unknown", "the failure could not be fetched: " + e.getMessage(), "");
        }
    }
}
