package io.eddy.runtime.jobmaster;

import io.eddy.api.connector.source.Source;
import io.eddy.api.execution.JobDetails;
import io.eddy.api.execution.JobExecutionException;
import io.eddy.api.execution.JobExecutionResult;
import io.eddy.api.execution.JobStatus;
import io.eddy.api.execution.OperatorDetails;
import io.eddy.api.execution.VertexDetails;
import io.eddy.api.graph.ChainConfig;
import io.eddy.api.graph.JobEdge;
import io.eddy.api.graph.JobGraph;
import io.eddy.api.graph.JobVertex;
import io.eddy.api.graph.SerializedObjects;
import io.eddy.runtime.deployment.DataAddress;
import io.eddy.runtime.deployment.EdgeWiring;
import io.eddy.runtime.deployment.ExecutionState;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor.ChannelDescriptor;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor.InputDescriptor;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor.OutputDescriptor;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.network.ExecutionAttemptId;
import io.eddy.runtime.network.ResultPartitionId;
import io.eddy.runtime.taskmanager.TaskExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one job: expands its vertices into subtask executions, deploys them into the job's slots
 * (subtask i of every vertex into slot i), follows their states and decides the job's fate. A
 * failed subtask cancels all others and fails the job with that subtask's exception; the job
 * finishes when every subtask finished.
 *
 * <p>Thread-safe: task threads report concurrently; state changes are serialized on this object.
 */
public final class JobMaster implements TaskExecutionListener {
    private static final Logger LOG = LoggerFactory.getLogger(JobMaster.class);

    /** One subtask and its current attempt. */
    private static final class Execution {
        final JobVertex vertex;
        final int subtask;
        final ExecutionAttemptId attempt = ExecutionAttemptId.generate();
        Slot slot;
        ExecutionState state = ExecutionState.DEPLOYING;
        TaskMetricsSnapshot finalMetrics;
        TaskMetricsSnapshot lastSample;

        Execution(JobVertex vertex, int subtask) {
            this.vertex = vertex;
            this.subtask = subtask;
        }
    }

    private final JobGraph job;
    private final UserCode userCode;
    private final List<Slot> slots;
    private final Runnable onTermination;
    private final Map<String, Execution[]> executions = new HashMap<>();
    private final Map<ExecutionAttemptId, Execution> byAttempt = new HashMap<>();
    private final CompletableFuture<JobExecutionResult> result = new CompletableFuture<>();
    private volatile JobStatus status = JobStatus.CREATED;
    private Throwable failureCause;
    private final long startTime = System.currentTimeMillis();
    private volatile long endTime;

    public JobMaster(JobGraph job, UserCode userCode, List<Slot> slots, Runnable onTermination) {
        this.job = job;
        this.userCode = userCode;
        this.slots = slots;
        this.onTermination = onTermination;
        for (JobVertex v : job.getVertices()) {
            Execution[] subtasks = new Execution[v.getParallelism()];
            for (int i = 0; i < subtasks.length; i++) {
                subtasks[i] = new Execution(v, i);
                subtasks[i].slot = slots.get(i);
                byAttempt.put(subtasks[i].attempt, subtasks[i]);
            }
            executions.put(v.getId(), subtasks);
        }
    }

    public JobGraph getJobGraph() {
        return job;
    }

    public JobStatus getStatus() {
        return status;
    }

    public CompletableFuture<JobExecutionResult> getResultFuture() {
        return result;
    }

    /** Creates the sources' splits and deploys every subtask; a failure here fails the job. */
    public void start() {
        List<TaskDeploymentDescriptor> deployments = new ArrayList<>();
        synchronized (this) {
            status = JobStatus.RUNNING;
            try {
                for (JobVertex v : job.getVertices()) {
                    List<byte[]> splits = v.isSource() ? createSplits(v) : null;
                    for (Execution e : executions.get(v.getId())) {
                        deployments.add(deployment(e, splits == null ? null : splits.get(e.subtask)));
                    }
                }
            } catch (Exception e) {
                failureCause = e;
                for (Execution ex : byAttempt.values()) {
                    ex.state = ExecutionState.CANCELED;
                }
                status = JobStatus.FAILING;
            }
        }
        if (status == JobStatus.FAILING) {
            checkTermination();
            return;
        }
        LOG.info("Deploying job '{}' ({}): {} subtasks", job.getName(), job.getJobId(), deployments.size());
        for (TaskDeploymentDescriptor d : deployments) {
            Execution e = byAttempt.get(d.attemptId());
            e.slot.taskManager().submitTask(d, userCode, this);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<byte[]> createSplits(JobVertex vertex) throws Exception {
        ChainConfig config = SerializedObjects.deserialize(vertex.getChainConfig(), userCode.classLoader());
        Source source = config.source();
        List<Serializable> splits = source.createSplits(vertex.getParallelism());
        List<List<Serializable>> assigned = new ArrayList<>();
        for (int i = 0; i < vertex.getParallelism(); i++) {
            assigned.add(new ArrayList<>());
        }
        for (int i = 0; i < splits.size(); i++) {
            assigned.get(i % vertex.getParallelism()).add(splits.get(i));
        }
        List<byte[]> serialized = new ArrayList<>();
        for (List<Serializable> s : assigned) {
            serialized.add(SerializedObjects.serialize(new ArrayList<>(s)));
        }
        return serialized;
    }

    private TaskDeploymentDescriptor deployment(Execution e, byte[] splits) {
        JobVertex v = e.vertex;
        List<OutputDescriptor> outputs = new ArrayList<>();
        for (JobEdge edge : v.getOutputs()) {
            int consumers = job.getVertex(edge.consumerId()).getParallelism();
            int subpartitions = EdgeWiring.consumersOf(e.subtask, v.getParallelism(), consumers, edge.pointwise()).size();
            outputs.add(new OutputDescriptor(new ResultPartitionId(e.attempt, edge.producerOutput()), subpartitions));
        }
        List<InputDescriptor> inputs = new ArrayList<>();
        for (JobEdge edge : v.getInputs()) {
            Execution[] producers = executions.get(edge.producerId());
            List<ChannelDescriptor> channels = new ArrayList<>();
            for (int p : EdgeWiring.producersOf(e.subtask, producers.length, v.getParallelism(), edge.pointwise())) {
                int subpartition = EdgeWiring.consumersOf(p, producers.length, v.getParallelism(), edge.pointwise())
                        .indexOf(e.subtask);
                TaskExecutorGateway producer = producers[p].slot.taskManager();
                // consumers on the producer's own TaskManager read its memory, others go through its data server
                DataAddress address = producer == e.slot.taskManager() ? null : producer.getDataAddress();
                channels.add(new ChannelDescriptor(new ResultPartitionId(producers[p].attempt, edge.producerOutput()),
                        subpartition, address));
            }
            inputs.add(new InputDescriptor(channels));
        }
        return new TaskDeploymentDescriptor(job.getJobId().toHexString(), job.getName(), e.attempt, v.getId(),
                v.getName(), e.subtask, v.getParallelism(), v.getMaxParallelism(), 0, v.getChainConfig(), splits,
                job.getExecutionConfig(), outputs, inputs);
    }

    @Override
    public void taskStateChanged(ExecutionAttemptId attempt, ExecutionState state, Throwable failure,
            TaskMetricsSnapshot metrics) {
        List<Execution> toCancel = new ArrayList<>();
        synchronized (this) {
            Execution e = byAttempt.get(attempt);
            if (e == null || e.state.isTerminal()) {
                return;
            }
            e.state = state;
            if (metrics != null) {
                e.finalMetrics = metrics;
            }
            if (state == ExecutionState.CANCELED && status == JobStatus.RUNNING) {
                // nobody asked for it: its TaskManager gave it up (shutting down, or lost its JobManager)
                state = ExecutionState.FAILED;
                e.state = state;
                failure = new IllegalStateException(taskName(e) + " was cancelled by its TaskManager");
            }
            if (state == ExecutionState.FAILED && status == JobStatus.RUNNING) {
                LOG.info("Job '{}' ({}) is failing: {} failed", job.getName(), job.getJobId(),
                        taskName(e), failure);
                status = JobStatus.FAILING;
                failureCause = failure;
                collectRunning(toCancel);
            }
        }
        toCancel.forEach(x -> x.slot.taskManager().cancelTask(x.attempt));
        checkTermination();
    }

    /** Cancels the job: every subtask is cancelled; the result completes with CANCELED. */
    public void cancel() {
        List<Execution> toCancel = new ArrayList<>();
        synchronized (this) {
            if (status.isTerminal() || status == JobStatus.CANCELLING) {
                return;
            }
            status = JobStatus.CANCELLING;
            collectRunning(toCancel);
        }
        toCancel.forEach(x -> x.slot.taskManager().cancelTask(x.attempt));
        checkTermination();
    }

    private void collectRunning(List<Execution> into) {
        for (Execution x : byAttempt.values()) {
            if (!x.state.isTerminal()) {
                into.add(x);
            }
        }
    }

    private void checkTermination() {
        JobStatus finalStatus;
        synchronized (this) {
            if (status.isTerminal()) {
                return;
            }
            for (Execution x : byAttempt.values()) {
                if (!x.state.isTerminal()) {
                    return;
                }
            }
            finalStatus = switch (status) {
                case FAILING -> JobStatus.FAILED;
                case CANCELLING -> JobStatus.CANCELED;
                default -> JobStatus.FINISHED;
            };
            endTime = System.currentTimeMillis();
            status = finalStatus;
        }
        Set<TaskExecutorGateway> taskManagers = new LinkedHashSet<>();
        slots.forEach(s -> taskManagers.add(s.taskManager()));
        taskManagers.forEach(tm -> tm.releaseJob(job.getJobId().toHexString()));
        onTermination.run();
        LOG.info("Job '{}' ({}) {}", job.getName(), job.getJobId(), finalStatus);
        String name = "Job '" + job.getName() + "' (" + job.getJobId() + ")";
        switch (finalStatus) {
            case FINISHED -> result.complete(new JobExecutionResult(job.getJobId(), endTime - startTime, details()));
            case CANCELED -> result.completeExceptionally(new JobExecutionException(job.getJobId(),
                    JobStatus.CANCELED, name + " was cancelled", null));
            default -> result.completeExceptionally(new JobExecutionException(job.getJobId(), JobStatus.FAILED,
                    name + " failed: " + failureCause, failureCause));
        }
    }

    private String taskName(Execution e) {
        return e.vertex.getName() + " (" + (e.subtask + 1) + "/" + e.vertex.getParallelism() + ") on "
                + e.slot.taskManager().getId() + " (" + e.slot.taskManager().getLocation() + ")";
    }

    /** Why the job failed, or null while it has not. */
    public synchronized Throwable getFailureCause() {
        return failureCause;
    }

    /** The job's state and figures now; callable from any thread. */
    public synchronized JobDetails details() {
        List<VertexDetails> vertices = new ArrayList<>();
        for (JobVertex v : job.getVertices()) {
            vertices.add(vertexDetails(v, executions.get(v.getId())));
        }
        long duration = (endTime == 0 ? System.currentTimeMillis() : endTime) - startTime;
        return new JobDetails(job.getJobId().toHexString(), job.getName(), status, startTime, duration, vertices,
                failureCause == null ? null : failureCause.toString());
    }

    private VertexDetails vertexDetails(JobVertex v, Execution[] subtasks) {
        int operators = v.getOperatorNames().size();
        long[] in = new long[operators];
        long[] out = new long[operators];
        long bytesIn = 0;
        long bytesOut = 0;
        double backPressure = 0;
        Set<ExecutionState> states = new LinkedHashSet<>();
        for (Execution e : subtasks) {
            states.add(e.state);
            TaskMetricsSnapshot m = e.finalMetrics != null ? e.finalMetrics
                    : e.slot.taskManager().getTaskMetrics(e.attempt);
            if (m == null) {
                continue;
            }
            for (int i = 0; i < Math.min(operators, m.recordsIn().length); i++) {
                in[i] += m.recordsIn()[i];
                out[i] += m.recordsOut()[i];
            }
            bytesIn += m.bytesIn();
            bytesOut += m.bytesOut();
            TaskMetricsSnapshot previous = e.lastSample;
            if (previous != null && m.runningNanos() > previous.runningNanos()) {
                backPressure += (double) (m.backPressuredNanos() - previous.backPressuredNanos())
                        / (m.runningNanos() - previous.runningNanos());
            }
            e.lastSample = m;
        }
        List<OperatorDetails> ops = new ArrayList<>();
        for (int i = 0; i < operators; i++) {
            ops.add(new OperatorDetails(v.getOperatorNames().get(i), in[i], out[i]));
        }
        return new VertexDetails(v.getId(), v.getName(), v.getParallelism(), aggregate(states), in[0],
                out[operators - 1], bytesIn, bytesOut, backPressure / subtasks.length, ops);
    }

    private static String aggregate(Set<ExecutionState> states) {
        for (ExecutionState s : new ExecutionState[] {ExecutionState.FAILED, ExecutionState.RUNNING,
                ExecutionState.DEPLOYING, ExecutionState.CANCELED}) {
            if (states.contains(s)) {
                return s.name();
            }
        }
        return ExecutionState.FINISHED.name();
    }
}
