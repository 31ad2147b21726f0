package io.eddy.runtime.executiongraph;

import io.eddy.runtime.deployment.ExecutionState;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.network.ExecutionAttemptId;
import io.eddy.runtime.resourcemanager.Slot;

/**
 * One attempt of one subtask: where it runs and how far it got. Owned by the JobMaster's main
 * thread, like the {@link ExecutionGraph} that holds it.
 */
public final class Execution {
    private final JobVertex vertex;
    private final int subtask;
    private final ExecutionAttemptId attempt = ExecutionAttemptId.generate();
    private final int attemptNumber;
    private Slot slot;
    private boolean submitted;
    private ExecutionState state = ExecutionState.DEPLOYING;
    /** The figures it reported when it ended, or null. */
    TaskMetricsSnapshot finalMetrics;
    /** The figures of the previous details request, for its back-pressure ratio since then. */
    TaskMetricsSnapshot lastSample;

    Execution(JobVertex vertex, int subtask, int attemptNumber) {
        this.vertex = vertex;
        this.subtask = subtask;
        this.attemptNumber = attemptNumber;
    }

    public JobVertex vertex() {
        return vertex;
    }

    public int subtask() {
        return subtask;
    }

    public ExecutionAttemptId attempt() {
        return attempt;
    }

    public int attemptNumber() {
        return attemptNumber;
    }

    /** Its slot, or null before the job got its slots. */
    public Slot slot() {
        return slot;
    }

    public ExecutionState state() {
        return state;
    }

    /** Handed to its TaskManager: from then on only the TaskManager ends it (and reports so). */
    public boolean submitted() {
        return submitted;
    }

    void assign(Slot slot) {
        this.slot = slot;
    }

    public void markSubmitted() {
        submitted = true;
    }

    /** Records a new state, and the final figures of a task that ended (null otherwise). */
    public void transitionTo(ExecutionState state, TaskMetricsSnapshot metrics) {
        this.state = state;
        if (metrics != null) {
            finalMetrics = metrics;
        }
    }

    /** "name (i/n) on taskmanager (location)": how messages name it. */
    public String describe() {
        return vertex.getName() + " (" + (subtask + 1) + "/" + vertex.getParallelism() + ")"
                + (slot == null ? "" : " on " + slot.taskManager().getId() + " (" + slot.taskManager().getLocation() + ")");
    }
}
