package io.eddy.api.pipeline;

import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.transformations.Transformation;

import java.util.List;

/**
 * A program as the user wrote it, ready to run: the transformations reachable from its sinks and
 * the settings they run with. The API builds it; a {@link PipelineExecutor} hands it to the runtime,
 * which translates it into operators and a job graph. Immutable once built (the transformations
 * are no longer changed by the environment that built them).
 *
 * @param defaultParallelism the parallelism of transformations that set none
 * @param defaultMaxParallelism the number of key groups of keyed transformations that set none
 */
public record Pipeline(String jobName, List<Transformation<?>> sinks, ExecutionConfig executionConfig,
        int defaultParallelism, int defaultMaxParallelism) {
    public Pipeline {
        if (sinks.isEmpty()) {
            throw new InvalidProgramException("The program defines no sink, so it would compute nothing: add one "
                    + "(print(), writeAsText(path), sinkTo(sink) or executeAndCollect()) before calling execute().");
        }
        sinks = List.copyOf(sinks);
    }
}
