package io.eddy.api.execution;

import io.eddy.api.config.Configuration;
import io.eddy.api.graph.JobGraph;

import java.util.concurrent.CompletableFuture;

/**
 * Runs a compiled job somewhere: in this JVM, on a standalone cluster, on YARN. Found through
 * {@link PipelineExecutorFactory} by the {@code execution.target} option.
 */
public interface PipelineExecutor {
    /**
     * Submits the job; the future completes once the target accepted it.
     *
     * @param userClassLoader loads the user's classes (functions, types) of this job
     */
    CompletableFuture<JobClient> execute(JobGraph job, Configuration config, ClassLoader userClassLoader)
            throws Exception;
}
