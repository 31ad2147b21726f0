package io.eddy.runtime.translation;

import io.eddy.api.config.Configuration;
import io.eddy.api.execution.JobClient;
import io.eddy.api.pipeline.Pipeline;
import io.eddy.api.pipeline.PipelineExecutor;
import io.eddy.runtime.jobgraph.JobGraph;

import java.util.concurrent.CompletableFuture;

/**
 * An executor of the runtime: compiles the pipeline into a {@link JobGraph} in the calling thread
 * (so a program error surfaces from {@code execute} itself) and submits the graph.
 */
@FunctionalInterface
public interface JobGraphExecutor extends PipelineExecutor {
    /** Submits the compiled job; the future completes once the target accepted it. */
    CompletableFuture<JobClient> submit(JobGraph job, Configuration config, ClassLoader userClassLoader)
            throws Exception;

    @Override
    default CompletableFuture<JobClient> execute(Pipeline pipeline, Configuration config, ClassLoader userClassLoader)
            throws Exception {
        return submit(JobGraphCompiler.compile(pipeline), config, userClassLoader);
    }

    @Override
    default String getExecutionPlan(Pipeline pipeline) {
        return JobGraphCompiler.executionPlan(pipeline);
    }
}
