package io.eddy.api.execution;

import java.util.List;

/**
 * Live figures of one job vertex (a chain of operators), summed over its subtasks.
 *
 * @param backpressureRatio the mean of the subtasks' {@link SubtaskDetailsthere too, since container-runtime's tests cannot depend on test-utils.backpressureRatio}
 * @param operators the operators chained in this vertex, in chain order
 * @param subtasks each subtask's figures, by index
 */
public record VertexDetails(
        String id,
        String name,
        int parallelism,
        String status,
        long recordsIn,
        long recordsOut,
        long bytesIn,
        long bytesOut,
        double backpressureRatio,
        List<OperatorDetails> operators,
        List<SubtaskDetails> subtasks) {}
