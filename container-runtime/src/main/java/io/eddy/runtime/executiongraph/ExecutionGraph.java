package io.eddy.runtime.executiongraph;

import io.eddy.runtime.deployment.ExecutionState;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.execution.ExecutionAttemptId;
import io.eddy.runtime.resourcemanager.Slot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The current attempt of every subtask of a job: its vertices expanded to their parallelism. A
 * restart replaces the whole graph with the next attempt's ({@link #create}); a region's restart
 * only its subtasks ({@link #reset}). Owned by the JobMaster's
 * main thread: not thread-safe.
 */
public final class ExecutionGraph {
    private final JobGraph job;
    private final Map<String, Execution[]> byVertex = new HashMap<>();
    private final Map<ExecutionAttemptId, Execution> byAttempt = new HashMap<>();

    private ExecutionGraph(JobGraph job, int attemptNumber) {
        this.job = job;
        for (JobVertex v : job.getVertices()) {
            Execution[] subtasks = new Execution[v.getParallelism()];
            for (int i = 0; i < subtasks.length; i++) {
                subtasks[i] = new Execution(v, i, attemptNumber);
                byAttempt.put(subtasks[i].attempt(), subtasks[i]);
            }
            byVertex.put(v.getId(), subtasks);
        }
    }

    /** Attempt {@code attemptNumber} of every subtask, each DEPLOYING and in no slot yet. */
    public static ExecutionGraph create(JobGraph job, int attemptNumber) {
        return new ExecutionGraph(job, attemptNumber);
    }

    public JobGraph job() {
        return job;
    }

    /** The subtasks of a vertex, by index. */
    public Execution[] subtasks(String vertexId) {
        return byVertex.get(vertexId);
    }

    /** The execution of an attempt of this graph, or null for another attempt's. */
    public Execution get(ExecutionAttemptId attempt) {
        return byAttempt.get(attempt);
    }

    public Collection<Execution> all() {
        return byAttempt.values();
    }

    /** Puts each subtask into its slot: {@code placement} maps a vertex id to its subtasks' slots. */
    public void place(Map<String, Slot[]> placement) {
        byVertex.forEach((vertexId, subtasks) -> {
            for (Execution e : subtasks) {
                e.assign(placement.get(vertexId)[e.subtask()]);
            }
        });
    }

    /** Puts one subtask into its slot (region by region scheduling). */
    public void place(Execution subtask, Slot slot) {
        subtask.assign(slot);
    }

    /**
     * Replaces the attempt of subtask {@code subtask} of {@code vertexId} with attempt
     * {@code attemptNumber}, DEPLOYING and in no slot (its region restarts); reports of the old
     * attempt are ignored from now on.
     */
    public Execution reset(String vertexId, int subtask, int attemptNumber) {
        Execution[] subtasks = byVertex.get(vertexId);
        byAttempt.remove(subtasks[subtask].attempt());
        subtasks[subtask] = new Execution(subtasks[subtask].vertex(), subtask, attemptNumber);
        byAttempt.put(subtasks[subtask].attempt(), subtasks[subtask]);
        return subtasks[subtask];
    }

    /** Every execution is RUNNING or FINISHING: checkpoints can be taken. */
    public boolean allStarted() {
        return byAttempt.values().stream()
                .allMatch(x -> x.state() == ExecutionState.RUNNING || x.state() == ExecutionState.FINISHING);
    }

    public boolean allTerminal() {
        return byAttempt.values().stream().allMatch(x -> x.state().isTerminal());
    }

    /** The executions that have not ended. */
    public List<Execution> unfinished() {
        List<Execution> unfinished = new ArrayList<>();
        for (Execution x : byAttempt.values()) {
            if (!x.state().isTerminal()) {
                unfinished.add(x);
            }
        }
        return unfinished;
    }
}
