package io.eddy.api.execution;

/**
 * Live figures of one job vertex (a chain of operators), summed over its subtasks.
 *
 * @param backpressureRatio fraction of time, over the last measurement period, that the
 *     vertex's subtasks spent waiting for output buffers (0 = never, 1 = always)
 * @param operators the operators chained in this vertex, in chain order
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
        java.util.List<OperatorDetails> operators) {}
