package io.eddy.runtime.executiongraph;

import io.eddy.api.execution.JobDetails;
import io.eddy.api.execution.JobStatus;
import io.eddy.api.execution.OperatorDetails;
import io.eddy.api.execution.SubtaskDetails;
import io.eddy.api.execution.VertexDetails;
import io.eddy.runtime.deployment.ExecutionState;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The REST view of a job's execution graph: each vertex's status, records and bytes summed over its
 * subtasks (live figures from their TaskManagers, the final ones of ended tasks), and each subtask's.
 * The back-pressure ratio of a subtask is measured since the previous details request, whoever made
 * it, so building a view records its samples in the graph: call it on the graph's thread only.
 */
public final class JobDetailsView {
    private JobDetailsView() {}

    /** The details of {@code graph}'s job now; {@code durationMillis} so far or in all. */
    public static JobDetails of(ExecutionGraph graph, JobStatus status, long startTime, long durationMillis,
            Throwable failureCause) {
        List<VertexDetails> vertices = new ArrayList<>();
        for (JobVertex v : graph.job().getVertices()) {
            vertices.add(vertexDetails(v, graph.subtasks(v.getId())));
        }
        return new JobDetails(graph.job().getJobId().toHexString(), graph.job().getName(), status, startTime,
                durationMillis, vertices, failureCause == null ? null : failureCause.toString());
    }

    private static VertexDetails vertexDetails(JobVertex v, Execution[] subtasks) {
        int operators = v.getOperatorNames().size();
        long[] in = new long[operators];
        long[] out = new long[operators];
        long bytesIn = 0;
        long bytesOut = 0;
        double backPressure = 0;
        Set<ExecutionState> states = new LinkedHashSet<>();
        List<SubtaskDetails> subtaskDetails = new ArrayList<>(subtasks.length);
        for (Execution e : subtasks) {
            states.add(e.state());
            TaskMetricsSnapshot m = e.finalMetrics != null ? e.finalMetrics
                    : e.slot() == null ? null : e.slot().taskManager().getTaskMetrics(e.attempt());
            long subtaskIn = 0;
            long subtaskOut = 0;
            double ratio = 0;
            if (m != null) {
                int known = Math.min(operators, m.recordsIn().length);
                for (int i = 0; i < known; i++) {
                    in[i] += m.recordsIn()[i];
                    out[i] += m.recordsOut()[i];
                }
                if (known == operators) {
                    subtaskIn = m.recordsIn()[0];
                    subtaskOut = m.recordsOut()[operators - 1];
                }
                bytesIn += m.bytesIn();
                bytesOut += m.bytesOut();
                // the interval is the time since the previous details request, whoever asked
                TaskMetricsSnapshot previous = e.lastSample;
                if (previous != null && m.runningNanos() > previous.runningNanos()) {
                    ratio = (double) (m.backPressuredNanos() - previous.backPressuredNanos())
                            / (m.runningNanos() - previous.runningNanos());
                }
                e.lastSample = m;
            }
            backPressure += ratio;
            subtaskDetails.add(new SubtaskDetails(e.subtask(), e.state().name(), subtaskIn, subtaskOut, ratio,
                    e.slot() == null ? "" : e.slot().taskManager().getId(),
                    e.slot() == null ? "" : e.slot().taskManager().getLocation()));
        }
        List<OperatorDetails> ops = new ArrayList<>();
        for (int i = 0; i < operators; i++) {
            ops.add(new OperatorDetails(v.getOperatorNames().get(i), in[i], out[i]));
        }
        return new VertexDetails(v.getId(), v.getName(), v.getParallelism(), aggregate(states), in[0],
                out[operators - 1], bytesIn, bytesOut, backPressure / subtasks.length, ops, subtaskDetails);
    }

    private static String aggregate(Set<ExecutionState> states) {
        for (ExecutionState s : new ExecutionState[] {ExecutionState.FAILED, ExecutionState.RUNNING,
                ExecutionState.DEPLOYING, ExecutionState.FINISHING, ExecutionState.CANCELED}) {
            if (states.contains(s)) {
                return s.name();
            }
        }
        return ExecutionState.FINISHED.name();
    }
}
