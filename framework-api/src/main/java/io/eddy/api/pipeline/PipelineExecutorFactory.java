package io.eddy.api.pipeline;

import io.eddy.api.config.Configuration;

/**
 * Service interface ({@code META-INF/services/io.eddy.api.pipeline.PipelineExecutorFactory}) that
 * makes an executor for one {@code execution.target} name such as {@code local} or {@code remote}.
 */
public interface PipelineExecutorFactory {
    /** The target name this factory serves. */
    String name();

    PipelineExecutor getExecutor(Configuration config);
}
