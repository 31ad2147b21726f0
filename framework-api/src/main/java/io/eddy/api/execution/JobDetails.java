package io.eddy.api.execution;

import java.util.List;

/**
 * A snapshot of a job's state and figures.
 *
 * @param startTime epoch milliseconds when the job was submitted
 * @param durationMillis running time so far, or total running time once terminal
 * @param failureCause the root cause as text when the job failed, otherwise null
 */
public record JobDetails(
        String jobId,
        String name,
        JobStatus status,
        long startTime,
        long durationMillis,
        List<VertexDetails> vertices,
        String failureCause) {}
