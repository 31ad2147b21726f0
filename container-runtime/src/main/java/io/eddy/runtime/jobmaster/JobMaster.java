package io.eddy.runtime.jobmaster;

import io.eddy.api.connector.source.Source;
import io.eddy.api.execution.CheckpointConfig;
import io.eddy.api.execution.JobDetails;
import io.eddy.api.execution.JobExecutionException;
import io.eddy.api.execution.JobExecutionResult;
import io.eddy.api.execution.JobStatus;
import io.eddy.api.execution.OperatorDetails;
import io.eddy.api.execution.RestartStrategy;
import io.eddy.api.execution.SubtaskDetails;
import io.eddy.api.execution.VertexDetails;
import io.eddy.runtime.jobgraph.ChainConfig;
import io.eddy.runtime.jobgraph.JobEdge;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.jobgraph.SerializedObjects;
import io.eddy.runtime.checkpoint.CheckpointCoordinator;
import io.eddy.runtime.checkpoint.CheckpointDurations;
import io.eddy.runtime.checkpoint.CheckpointStatsSnapshot;
import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.runtime.checkpoint.CheckpointStorages;
import io.eddy.runtime.checkpoint.CompletedCheckpoint;
import io.eddy.runtime.checkpoint.OperatorRestore;
import io.eddy.runtime.checkpoint.OperatorSnapshot;
import io.eddy.runtime.checkpoint.StateHandle;
import io.eddy.runtime.checkpoint.SubtaskState;
import io.eddy.runtime.checkpoint.TaskRestore;
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
import io.eddy.runtime.state.KeyGroupsStateHandle;
import io.eddy.runtime.taskmanager.TaskExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one job: expands its vertices into subtask executions, deploys them into the job's slots
 * (subtask i of every vertex into slot i), follows their states and decides the job's fate. A
 * failed subtask cancels all others; if the restart strategy allows, every subtask is then
 * deployed again (next attempt) from the latest completed checkpoint, else the job fails with
 * that subtask's exception. The job finishes when every subtask finished.
 *
 * <p>With checkpointing on, its {@link CheckpointCoordinator} takes periodic checkpoints of the
 * running attempts; a subtask whose input ended reports FINISHING, is still checkpointed (its final
 * state) and finishes only after the final checkpoint, taken once every subtask is FINISHING. A
 * restore skips the vertices that had finished their input (see {@link TaskRestore#finished()}).
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
        final int attemptNumber;
        Slot slot;
        ExecutionState state = ExecutionState.DEPLOYING;
        TaskMetricsSnapshot finalMetrics;
        TaskMetricsSnapshot lastSample;

        Execution(JobVertex vertex, int subtask, int attemptNumber) {
            this.vertex = vertex;
            this.subtask = subtask;
            this.attemptNumber = attemptNumber;
        }
    }

    private final JobGraph job;
    private final UserCode userCode;
    private final List<Slot> slots;
    /**
     * Swaps the slots of lost TaskManagers in {@link #slots} for free ones before a restart, or throws
     * {@link NotEnoughSlotsException}: deploying into a lost TaskManager would only fail again.
     */
    private final Runnable replaceLostSlots;
    private final Runnable onTermination;
    private final Map<String, Execution[]> executions = new HashMap<>();
    private final Map<ExecutionAttemptId, Execution> byAttempt = new HashMap<>();
    private final CompletableFuture<JobExecutionResult> result = new CompletableFuture<>();
    private volatile JobStatus status = JobStatus.CREATED;
    private Throwable failureCause;
    private final long startTime = System.currentTimeMillis();
    private volatile long endTime;
    private final RestartStrategy restartStrategy;
    private final List<Long> failureTimes = new ArrayList<>();
    private long restartDelay;
    private final ScheduledExecutorService timer;
    private CheckpointCoordinator checkpoints;
    /** Every current attempt is RUNNING or FINISHING. */
    private volatile boolean allTasksStarted;
    private int restarts;
    private volatile long restoredCheckpointId = -1;
    /** The savepoint the first deployment restored (remapped to this job's vertices), or null. */
    private CompletedCheckpoint initialRestore;

    public JobMaster(JobGraph job, UserCode userCode, List<Slot> slots, Runnable replaceLostSlots,
            Runnable onTermination) {
        this.job = job;
        this.userCode = userCode;
        this.slots = slots;
        this.replaceLostSlots = replaceLostSlots;
        this.onTermination = onTermination;
        this.restartStrategy = job.getExecutionConfig().getEffectiveRestartStrategy();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jobmaster-" + job.getJobId().toHexString());
            t.setDaemon(true);
            return t;
        });
        createExecutions(0);
    }

    private void createExecutions(int attemptNumber) {
        executions.clear();
        byAttempt.clear();
        allTasksStarted = false;
        for (JobVertex v : job.getVertices()) {
            Execution[] subtasks = new Execution[v.getParallelism()];
            for (int i = 0; i < subtasks.length; i++) {
                subtasks[i] = new Execution(v, i, attemptNumber);
                subtasks[i].slot = slots.get(i);
                byAttempt.put(subtasks[i].attempt, subtasks[i]);
            }
            executions.put(v.getId(), subtasks);
        }
    }

    /** How often the job was restarted after task failures. */
    public synchronized int getNumberOfRestarts() {
        return restarts;
    }

    /** The checkpoint the latest restart restored, or -1 if none did. */
    public long getRestoredCheckpointId() {
        return restoredCheckpointId;
    }

    /** The checkpoint coordinator (of checkpoints and savepoints); null before the job started. */
    public CheckpointCoordinator getCheckpointCoordinator() {
        return checkpoints;
    }

    /** The statistics of the job's checkpoints and savepoints; empty before the job started. */
    public CheckpointStatsSnapshot getCheckpointStats() {
        CheckpointCoordinator coordinator = checkpoints;
        return coordinator == null ? CheckpointStatsSnapshot.EMPTY : coordinator.stats().snapshot();
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
        synchronized (this) {
            status = JobStatus.RUNNING;
        }
        CheckpointConfig config = job.getExecutionConfig().getCheckpointConfig();
        try {
            if (config.isCheckpointingEnabled() && config.getCheckpointDirectory() == null) {
                throw new IllegalStateException("Job '" + job.getName() + "' checkpoints but has no checkpoint"
                        + " directory: set 'state.checkpoints.dir' or CheckpointConfig.setCheckpointDirectory");
            }
            // without a checkpoint directory it takes savepoints only, into the directory each one names
            CheckpointStorage storage = config.getCheckpointDirectory() == null ? null
                    : CheckpointStorages.forDirectory(config.getCheckpointDirectory(), userCode.classLoader());
            checkpoints = new CheckpointCoordinator(job.getJobId().toHexString(), config, storage, timer,
                    this::failWithoutRestart);
            if (config.getSavepointRestorePath() != null) {
                initialRestore = SavepointRestore.load(config.getSavepointRestorePath(), job, userCode.classLoader(),
                        config.isAllowNonRestoredState());
                restoredCheckpointId = initialRestore.checkpointId();
                checkpoints.stats().reportRestored(restoredCheckpointId, config.getSavepointRestorePath());
                LOG.info("Job '{}' ({}) starts from savepoint {}", job.getName(), job.getJobId(),
                        config.getSavepointRestorePath());
            }
        } catch (Exception e) {
            failBeforeDeployment(e);
            return;
        }
        deploy(initialRestore);
    }

    /**
     * Takes a savepoint of the running job into {@code targetDirectory} (null: the job's
     * {@code state.savepoints.dir}); completes with the savepoint's directory.
     */
    public CompletableFuture<String> triggerSavepoint(String targetDirectory) {
        try {
            CheckpointCoordinator.SavepointTarget target = savepointTarget(targetDirectory);
            return checkpoints.triggerSavepoint(target, false);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Stops the job with a savepoint into {@code targetDirectory} (null: {@code state.savepoints.dir});
     * completes with the savepoint's directory, and the job ends FINISHED.
     *
     * <p>Without {@code drain} the sources take the savepoint and emit nothing after it, every task
     * waits for it to complete (sinks commit with it), then finishes without ending its input (no
     * end-of-input flush, no final watermark: a job resumed from it continues seamlessly); tasks
     * whose input ended already take their part and finish with it. If the savepoint fails, the job
     * goes on running and the future fails.
     *
     * <p>With {@code drain} the sources end their input first: the final watermark fires all
     * event-time timers and windows, every operator ends its input, then the savepoint is taken as
     * the final checkpoint. If it fails, the input is drained already: the job fails over like after
     * a task failure (restart strategy).
     */
    public CompletableFuture<String> stopWithSavepoint(String targetDirectory, boolean drain) {
        try {
            CheckpointCoordinator.SavepointTarget target = savepointTarget(targetDirectory);
            if (!drain) {
                return checkpoints.triggerSavepoint(target, true);
            }
            CompletableFuture<String> result = checkpoints.drain(target);
            result.whenComplete((path, failure) -> {
                if (failure != null) {
                    failover(new IllegalStateException("The final savepoint of the stop with drain failed after "
                            + "the input was drained: " + failure.getMessage(), failure));
                }
            });
            return result;
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Takes a savepoint into {@code targetDirectory} (null: {@code state.savepoints.dir}), then
     * cancels the job, which ends CANCELED; completes with the savepoint's directory. If the
     * savepoint fails, the job goes on running.
     */
    public CompletableFuture<String> cancelWithSavepoint(String targetDirectory) {
        return triggerSavepoint(targetDirectory).thenApply(path -> {
            cancel();
            return path;
        });
    }

    /** Where a savepoint of this running job goes: {@code targetDirectory}, or the default. */
    private CheckpointCoordinator.SavepointTarget savepointTarget(String targetDirectory) throws IOException {
        if (status != JobStatus.RUNNING) {
            throw new IllegalStateException("Cannot take a savepoint of job " + job.getJobId() + ": it is " + status);
        }
        CheckpointConfig config = job.getExecutionConfig().getCheckpointConfig();
        String target = targetDirectory != null && !targetDirectory.isBlank() ? targetDirectory
                : config.getSavepointDirectory();
        if (target == null) {
            throw new IllegalStateException("No target directory for a savepoint of job " + job.getJobId()
                    + ": name one or set 'state.savepoints.dir'");
        }
        return new CheckpointCoordinator.SavepointTarget(target,
                CheckpointStorages.forDirectory(target, userCode.classLoader()));
    }

    /** Deploys the current attempts, from {@code restore} if not null, and starts checkpointing them. */
    private void deploy(CompletedCheckpoint restore) {
        List<TaskDeploymentDescriptor> deployments = new ArrayList<>();
        List<CheckpointCoordinator.TaskAttempt> attempts = new ArrayList<>();
        synchronized (this) {
            if (status != JobStatus.RUNNING) {
                return;
            }
            try {
                Set<String> finished = restore == null ? Set.of() : finishedVertices(restore);
                for (JobVertex v : job.getVertices()) {
                    List<SubtaskState> restored = restore == null ? null : restore.vertices().get(v.getId());
                    List<byte[]> splits = !v.isSource() ? null
                            : restored != null ? restoredSplits(v, restored) : createSplits(v);
                    TaskRestore taskRestore = restored == null ? null
                            : taskRestore(restore.checkpointId(), restored, finished.contains(v.getId()));
                    for (Execution e : executions.get(v.getId())) {
                        deployments.add(deployment(e, splits == null ? null : splits.get(e.subtask), taskRestore));
                        attempts.add(new CheckpointCoordinator.TaskAttempt(e.attempt, e.slot.taskManager(),
                                v.getId(), e.subtask, v.getParallelism(), v.isSource()));
                    }
                }
            } catch (Exception e) {
                deployments.clear();
                failureCause = e;
                for (Execution ex : byAttempt.values()) {
                    ex.state = ExecutionState.CANCELED;
                }
                status = JobStatus.FAILING;
            }
        }
        if (deployments.isEmpty()) {
            checkTermination();
            return;
        }
        LOG.info("Deploying job '{}' ({}): {} subtasks{}", job.getName(), job.getJobId(), deployments.size(),
                restore == null ? "" : " from checkpoint " + restore.checkpointId());
        if (checkpoints != null) {
            checkpoints.start(attempts, () -> allTasksStarted);
        }
        boolean skipped = false;
        for (TaskDeploymentDescriptor d : deployments) {
            // under the lock: a failure meanwhile cancels what was submitted, and the rest is never submitted
            synchronized (this) {
                Execution e = byAttempt.get(d.attemptId());
                if (e == null || e.state.isTerminal()) {
                    continue;
                }
                if (status != JobStatus.RUNNING) {
                    e.state = ExecutionState.CANCELED;
                    skipped = true;
                    continue;
                }
                e.slot.taskManager().submitTask(d, userCode, this);
            }
        }
        if (skipped) {
            checkTermination();
        }
    }

    private void failBeforeDeployment(Exception e) {
        synchronized (this) {
            failureCause = e;
            for (Execution ex : byAttempt.values()) {
                ex.state = ExecutionState.CANCELED;
            }
            status = JobStatus.FAILING;
        }
        checkTermination();
    }

    /** The splits the source's subtasks had not finished at the checkpoint, spread over the subtasks. */
    private List<byte[]> restoredSplits(JobVertex vertex, List<SubtaskState> restored) throws Exception {
        List<Serializable> splits = new ArrayList<>();
        for (SubtaskState subtask : restored) {
            if (subtask != null && subtask.sourceSplits() != null) {
                List<Serializable> s = SerializedObjects.deserialize(subtask.sourceSplits(), userCode.classLoader());
                splits.addAll(s);
            }
        }
        return assign(splits, vertex.getParallelism());
    }

    /**
     * The vertices that had finished at the checkpoint: every subtask's input had ended, and so had
     * that of every vertex before it (then nothing of theirs is replayed into it).
     */
    private Set<String> finishedVertices(CompletedCheckpoint restore) {
        Set<String> finished = new HashSet<>();
        for (JobVertex v : job.getVertices()) { // topological: the inputs' vertices are decided first
            List<SubtaskState> states = restore.vertices().get(v.getId());
            boolean ended = states != null && !states.isEmpty()
                    && states.stream().allMatch(s -> s != null && s.inputEnded())
                    && v.getInputs().stream().allMatch(edge -> finished.contains(edge.producerId()));
            if (ended) {
                finished.add(v.getId());
            }
        }
        if (!finished.isEmpty()) {
            LOG.info("Job '{}' ({}): vertices {} had finished at checkpoint {}; they do not end their input again",
                    job.getName(), job.getJobId(), finished, restore.checkpointId());
        }
        return finished;
    }

    /** Every operator's state files of all old subtasks; each new subtask takes its share of them. */
    private static TaskRestore taskRestore(long checkpointId, List<SubtaskState> restored, boolean finished) {
        Map<String, List<KeyGroupsStateHandle>> keyed = new LinkedHashMap<>();
        Map<String, List<StateHandle>> operatorState = new LinkedHashMap<>();
        for (SubtaskState subtask : restored) {
            if (subtask == null) {
                continue;
            }
            for (OperatorSnapshot operator : subtask.operators()) {
                List<KeyGroupsStateHandle> k = keyed.computeIfAbsent(operator.operatorId(), id -> new ArrayList<>());
                List<StateHandle> o = operatorState.computeIfAbsent(operator.operatorId(), id -> new ArrayList<>());
                if (operator.keyedState() != null) {
                    k.add(operator.keyedState());
                }
                if (operator.operatorState() != null) {
                    o.add(operator.operatorState());
                }
            }
        }
        Map<String, OperatorRestore> operators = new HashMap<>();
        keyed.forEach((id, handles) -> operators.put(id, new OperatorRestore(handles, operatorState.get(id))));
        return new TaskRestore(checkpointId, operators, finished);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<byte[]> createSplits(JobVertex vertex) throws Exception {
        ChainConfig config = SerializedObjects.deserialize(vertex.getChainConfig(), userCode.classLoader());
        Source source = config.source();
        return assign(source.createSplits(vertex.getParallelism()), vertex.getParallelism());
    }

    /** Deals the splits round-robin to the subtasks; one serialized list per subtask. */
    private static List<byte[]> assign(List<Serializable> splits, int parallelism) throws Exception {
        List<List<Serializable>> assigned = new ArrayList<>();
        for (int i = 0; i < parallelism; i++) {
            assigned.add(new ArrayList<>());
        }
        for (int i = 0; i < splits.size(); i++) {
            assigned.get(i % parallelism).add(splits.get(i));
        }
        List<byte[]> serialized = new ArrayList<>();
        for (List<Serializable> s : assigned) {
            serialized.add(SerializedObjects.serialize(new ArrayList<>(s)));
        }
        return serialized;
    }

    private TaskDeploymentDescriptor deployment(Execution e, byte[] splits, TaskRestore restore) {
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
                v.getName(), e.subtask, v.getParallelism(), v.getMaxParallelism(), e.attemptNumber, v.getChainConfig(),
                splits, job.getExecutionConfig(), outputs, inputs, restore);
    }

    @Override
    public void taskStateChanged(ExecutionAttemptId attempt, ExecutionState state, Throwable failure,
            TaskMetricsSnapshot metrics) {
        List<Execution> toCancel = new ArrayList<>();
        boolean restarting = false;
        synchronized (this) {
            Execution e = byAttempt.get(attempt);
            if (e == null || e.state.isTerminal()) {
                return;
            }
            e.state = state;
            if (metrics != null) {
                e.finalMetrics = metrics;
            }
            allTasksStarted = byAttempt.values().stream()
                    .allMatch(x -> x.state == ExecutionState.RUNNING || x.state == ExecutionState.FINISHING);
            if (state == ExecutionState.CANCELED && status == JobStatus.RUNNING) {
                // nobody asked for it: its TaskManager gave it up (shutting down, or lost its JobManager)
                state = ExecutionState.FAILED;
                e.state = state;
                failure = new IllegalStateException(taskName(e) + " was cancelled by its TaskManager");
            }
            if (state == ExecutionState.FAILED && status == JobStatus.RUNNING) {
                restarting = failOrRestart(taskName(e) + " failed", failure, toCancel);
            }
        }
        if (checkpoints != null) {
            if (restarting) {
                checkpoints.stop();
            } else if (state == ExecutionState.FINISHED) {
                checkpoints.taskFinished(attempt);
            } else if (state == ExecutionState.FINISHING) {
                checkpoints.taskFinishing(attempt);
            }
        }
        toCancel.forEach(x -> x.slot.taskManager().cancelTask(x.attempt));
        checkTermination();
    }

    @Override
    public void acknowledgeCheckpoint(ExecutionAttemptId attempt, long checkpointId, SubtaskState state,
            CheckpointDurations durations) {
        if (checkpoints != null) {
            checkpoints.acknowledge(attempt, checkpointId, state, durations);
        }
    }

    @Override
    public void declineCheckpoint(ExecutionAttemptId attempt, long checkpointId, String reason) {
        if (checkpoints != null) {
            checkpoints.decline(attempt, checkpointId, reason);
        }
    }

    /**
     * The job failed (caller holds the lock): RESTARTING if the restart strategy allows, else
     * FAILING; collects the tasks to cancel. Returns whether it restarts.
     */
    private boolean failOrRestart(String what, Throwable failure, List<Execution> toCancel) {
        failureCause = failure;
        failureTimes.add(System.currentTimeMillis());
        restartDelay = restartStrategy.nextDelay(restarts, failureTimes);
        boolean restarting = restartDelay >= 0;
        if (restarting) {
            restarts++;
            LOG.info("Job '{}' ({}) is restarting (restart {}, {}): {}", job.getName(), job.getJobId(), restarts,
                    restartStrategy, what, failure);
            status = JobStatus.RESTARTING;
        } else {
            LOG.info("Job '{}' ({}) is failing: {}", job.getName(), job.getJobId(), what, failure);
            status = JobStatus.FAILING;
        }
        collectRunning(toCancel);
        return restarting;
    }

    /** Fails the running job for a reason that is no task's, as a task failure would (restart strategy). */
    private void failover(Throwable cause) {
        List<Execution> toCancel = new ArrayList<>();
        boolean restarting;
        synchronized (this) {
            if (status != JobStatus.RUNNING) {
                return;
            }
            restarting = failOrRestart("its final savepoint failed", cause, toCancel);
        }
        if (restarting) {
            checkpoints.stop();
        }
        toCancel.forEach(x -> x.slot.taskManager().cancelTask(x.attempt));
        checkTermination();
    }

    /** Fails the job for a reason that is no task's fault (too many failed checkpoints); no restart. */
    private void failWithoutRestart(Throwable cause) {
        List<Execution> toCancel = new ArrayList<>();
        synchronized (this) {
            if (status != JobStatus.RUNNING && status != JobStatus.RESTARTING) {
                return;
            }
            LOG.info("Job '{}' ({}) is failing: {}", job.getName(), job.getJobId(), cause.getMessage());
            status = JobStatus.FAILING;
            failureCause = cause;
            collectRunning(toCancel);
        }
        toCancel.forEach(x -> x.slot.taskManager().cancelTask(x.attempt));
        checkTermination();
    }

    /** All tasks of the failed attempt ended: deploy the next attempt of every subtask from the latest checkpoint. */
    private void restart() {
        synchronized (this) {
            if (status != JobStatus.RESTARTING) {
                return;
            }
        }
        // the failed attempt's partitions go before the new attempt's are created
        Set<TaskExecutorGateway> taskManagers = new LinkedHashSet<>();
        slots.forEach(s -> taskManagers.add(s.taskManager()));
        taskManagers.forEach(tm -> tm.releaseJob(job.getJobId().toHexString()));
        CompletedCheckpoint restore = null;
        if (checkpoints != null) {
            try {
                restore = checkpoints.latestRestorable();
            } catch (Exception e) {
                LOG.warn("Cannot list the completed checkpoints of job {}; restarting without state", job.getJobId(), e);
            }
        }
        if (restore == null) {
            restore = initialRestore; // no checkpoint since the savepoint the job started from
        }
        boolean noSlots = false;
        synchronized (this) {
            if (status != JobStatus.RESTARTING) {
                return;
            }
            try {
                replaceLostSlots.run();
            } catch (NotEnoughSlotsException e) {
                // a failed attempt: the next one finds slots if TaskManagers registered meanwhile
                failOrRestart("no slots", e, new ArrayList<>()); // no task of the failed attempt is left
                noSlots = true;
            }
            if (!noSlots) {
                createExecutions(restarts);
                status = JobStatus.RUNNING;
                restoredCheckpointId = restore == null ? -1 : restore.checkpointId();
            }
        }
        if (noSlots) {
            checkTermination(); // schedules the next attempt, or fails the job
        } else {
            deploy(restore);
        }
    }

    /** Cancels the job: every subtask is cancelled; the result completes with CANCELED. */
    public void cancel() {
        List<Execution> toCancel = new ArrayList<>();
        synchronized (this) {
            if (status.isTerminal() || status == JobStatus.CANCELLING) {
                return;
            }
            // a pending restart sees this and does not deploy
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
            if (status == JobStatus.RESTARTING) {
                timer.schedule(this::restart, restartDelay, TimeUnit.MILLISECONDS);
                return;
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
        if (checkpoints != null) {
            checkpoints.stop();
        }
        timer.shutdown();
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
        List<SubtaskDetails> subtaskDetails = new ArrayList<>(subtasks.length);
        for (Execution e : subtasks) {
            states.add(e.state);
            TaskMetricsSnapshot m = e.finalMetrics != null ? e.finalMetrics
                    : e.slot.taskManager().getTaskMetrics(e.attempt);
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
            subtaskDetails.add(new SubtaskDetails(e.subtask, e.state.name(), subtaskIn, subtaskOut, ratio,
                    e.slot.taskManager().getId(), e.slot.taskManager().getLocation()));
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
