package io.eddy.runtime.jobgraph;

import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.execution.JobId;

import java.io.Serializable;
import java.util.List;

/**
 * The compiled form of a program, the unit a client submits: job vertices (operator chains that
 * run as one task per parallel subtask) joined by edges (data exchanges), in topological order.
 */
public final class JobGraph implements Serializable {
    private static final long serialVersionUID = 1L;

    private final JobId jobId;
    private final String name;
    private final ExecutionConfig executionConfig;
    private final List<JobVertex> vertices;

    public JobGraph(JobId jobId, String name, ExecutionConfig executionConfig, List<JobVertex> vertices) {
        this.jobId = jobId;
        this.name = name;
        this.executionConfig = executionConfig;
        this.vertices = List.copyOf(vertices);
    }

    public JobId getJobId() {
        return jobId;
    }

    public String getName() {
        return name;
    }

    public ExecutionConfig getExecutionConfig() {
        return executionConfig;
    }

    /** Vertices in topological order: every vertex comes after the vertices it reads from. */
    public List<JobVertex> getVertices() {
        return vertices;
    }

    public JobVertex getVertex(String id) {
        for (JobVertex v : vertices) {
            if (v.getId().equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("No vertex " + id + " in job " + name);
    }

    /** The number of task slots the job needs: subtasks of different vertices share a slot. */
    public int getMaximumParallelism() {
        int max = 1;
        for (JobVertex v : vertices) {
            max = Math.max(max, v.getParallelism());
        }
        return max;
    }
}
