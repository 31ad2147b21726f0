package io.eddy.api.pipeline;

import io.eddy.api.config.Configuration;
import io.eddy.api.execution.JobClient;

import java.util.concurrent.CompletableFuture;

/**
 * Runs a pipeline somewhere: in this JVM, on a standalone cluster, on YARN. Found through
 * {@link PipelineExecutorFactory} by the {@code execution.target} option. Executors compile the
 * pipeline on the runtime side, so the API holds no operators and no job graph.
 */
@FunctionalInterface
public interface PipelineExecutor {
    /**
     * Submits the pipeline; the future completes once the target accepted it.
     *
     * @param userClassLoader loads the user's classes (functions, types) of this job
     * @throws io.eddy.api.execution.InvalidProgramException when the pipeline cannot run as written
     */
    CompletableFuture<JobClient> execute(Pipeline pipeline, Configuration config, ClassLoader userClassLoader)
            throws Exception;

    /**
     * The JSON plan of {@code pipeline} as this executor would run it: operators, parallelism,
     * exchanges and chaining (see {@code StreamExecutionEnvironment.getExecutionPlan()}).
     *
     * @throws UnsupportedOperationException when the executor cannot describe plans; the
     *     executors of the runtime ({@code local}, {@code remote}) all can
     */
    default String getExecutionPlan(Pipeline pipeline) {
        throw new UnsupportedOperationException(getClass().getName() + " does not describe execution plans: "
                + "run getExecutionPlan() with execution.target 'local' or 'remote'.");
    }
}
