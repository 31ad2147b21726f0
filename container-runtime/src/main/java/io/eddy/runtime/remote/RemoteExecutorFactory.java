package io.eddy.runtime.remote;

import io.eddy.api.config.Configuration;
import io.eddy.api.execution.DeploymentOptions;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.execution.JobClient;
import io.eddy.api.pipeline.PipelineExecutor;
import io.eddy.api.pipeline.PipelineExecutorFactory;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.rest.JobSubmission;
import io.eddy.runtime.rest.RestClient;
import io.eddy.runtime.rest.RestOptions;
import io.eddy.runtime.translation.JobGraphExecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code remote} target: submits the job with its jar to a running cluster through the
 * JobManager's REST API ({@code rest.address}, {@code rest.port}).
 */
public final class RemoteExecutorFactory implements PipelineExecutorFactory {
    @Override
    public String name() {
        return "remote";
    }

    @Override
    public PipelineExecutor getExecutor(Configuration config) {
        JobGraphExecutor executor = RemoteExecutorFactory::submit;
        return executor;
    }

    private static CompletableFuture<JobClient> submit(JobGraph job, Configuration config, ClassLoader classLoader) {
        String jars = config.getOptional(DeploymentOptions.JARS).orElse(null);
        if (jars == null || jars.isBlank()) {
            throw new InvalidProgramException("A job for a remote cluster needs its jar: package the program and run "
                    + "it with 'bin/eddy run -t remote <jar>' (or set " + DeploymentOptions.JARS.key() + ").");
        }
        Path jar = Path.of(jars.split(";")[0]);
        RestClient client = client(config);
        return CompletableFuture.supplyAsync(() -> {
            try {
                byte[] body = JobSubmission.encode(Files.readAllBytes(jar), job);
                client.post("/jobs", body, JobSubmission.CONTENT_TYPE);
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
            return new RemoteJobClient(client, job.getJobId());
        });
    }

    static RestClient client(Configuration config) {
        return new RestClient(RestOptions.clientAddress(config), config.get(RestOptions.CONNECT_TIMEOUT),
                config.get(RestOptions.REQUEST_TIMEOUT));
    }
}
