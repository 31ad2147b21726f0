package io.eddy.api.graph;

import io.eddy.api.execution.JobId;

import java.io.Serializable;

/** The compiled form of a program: job vertices (operator chains) joined by edges. */
public final class JobGraph implements Serializable {
    private static final long serialVersionUID = 1L;

    private final JobId jobId;
    private final String name;

    public JobGraph(JobId jobId, String name) {
        this.jobId = jobId;
        this.name = name;
    }

    public JobId getJobId() {
        return jobId;
    }

    public String getName() {
        return name;
    }
}
