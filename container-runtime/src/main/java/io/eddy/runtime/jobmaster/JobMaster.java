package io.eddy.runtime.jobmaster;

import io.eddy.api.connector.source.Source;
import io.eddy.api.execution.CheckpointConfig;
import io.eddy.api.execution.JobDetails;
import io.eddy.api.execution.JobExecutionException;
import io.eddy.api.execution.JobExecutionResult;
import io.eddy.api.execution.JobStatus;
import io.eddy.runtime.checkpoint.CheckpointCoordinator;
import io.eddy.runtime.checkpoint.CheckpointCoordinator.Restorable;
import io.eddy.runtime.checkpoint.CheckpointDurations;
import io.eddy.runtime.checkpoint.CheckpointStatsSnapshot;
import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.runtime.checkpoint.CheckpointStorages;
import io.eddy.runtime.checkpoint.CompletedCheckpoint;
import io.eddy.runtime.checkpoint.KeyGroupsStateHandle;
import io.eddy.runtime.checkpoint.OperatorRestore;
import io.eddy.runtime.checkpoint.OperatorSnapshot;
import io.eddy.runtime.checkpoint.StateHandle;
import io.eddy.runtime.checkpoint.SubtaskState;
import io.eddy.runtime.checkpoint.TaskRestore;
import io.eddy.runtime.deployment.DataAddress;
import io.eddy.runtime.deployment.EdgeWiring;
import io.eddy.runtime.deployment.ExecutionState;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor.ChannelDescriptor;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor.InputDescriptor;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor.OutputDescriptor;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.deployment.TaskExecutionListener;
import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.deployment.UserCode;
import io.eddy.runtime.exchange.ResultPartitionId;
import io.eddy.runtime.execution.ExecutionAttemptId;
import io.eddy.runtime.executiongraph.Execution;
import io.eddy.runtime.executiongraph.ExecutionGraph;
import io.eddy.runtime.executiongraph.JobDetailsView;
import io.eddy.runtime.failover.RestartBackoff;
import io.eddy.runtime.iteration.alignment.SuperstepAligner;
import io.eddy.runtime.iteration.alignment.SuperstepId;
import io.eddy.runtime.jobgraph.ChainConfig;
import io.eddy.runtime.jobgraph.JobEdge;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.jobgraph.SerializedObjects;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.resourcemanager.ResourceManager;
import io.eddy.runtime.resourcemanager.Slot;
import io.eddy.runtime.resourcemanager.SlotOwner;
import io.eddy.runtime.scheduler.PipelinedRegions;
import io.eddy.runtime.scheduler.SlotAssignment;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs one job: asks the {@link ResourceManager} for as many slots as its highest parallelism,
 * places the subtasks into them ({@link SlotAssignment}), deploys them, follows their states and
 * decides the job's fate. A failed subtask cancels all others; if the restart strategy allows, every
 * subtask is then deployed again (next attempt) from the latest completed checkpoint, the slots lost
 * with a TaskManager replaced by new ones from the ResourceManager (waiting for them up to
 * {@code slot.request.timeout}); else the job fails with that subtask's exception. The job finishes
 * when every subtask finished; its slots go back to the ResourceManager before its result completes.
 *
 * <p>A job with blocking exchanges (a batch job, see {@link PipelinedRegions}) runs region by
 * region instead: it asks for at least the slots of its largest region (more, up to its highest
 * parallelism, when free), deploys a region once every region it reads has finished and enough of
 * its slots are free, and so runs stage by stage when it has more subtasks than slots. A failed
 * subtask restarts only its region, the regions that read its results and were started, and the
 * finished regions whose results were lost with their TaskManager; the other regions keep running
 * and the restarted ones read the finished blocking results again. The restart strategy counts each
 * such region restart. Such a job takes no checkpoints.
 *
 * <p>With checkpointing on, its {@link CheckpointCoordinator} takes periodic checkpoints of the
 * running attempts; a subtask whose input ended reports FINISHING, is still checkpointed (its final
 * state) and finishes only after the final checkpoint, taken once every subtask is FINISHING. A
 * restore skips the vertices that had finished their input (see {@link TaskRestore#finished()}).
 *
 * <p>Threading: one thread per job, the main thread ({@code jobmaster-<job id>}), owns every field
 * that is not final or volatile, and runs the checkpoint coordinator, the placement and all timers
 * (restart delays, checkpoint triggers and timeouts). Everything that comes from elsewhere arrives
 * as a message on it: task state changes, checkpoint acknowledgements and declines (task and RPC
 * threads), slot grants and lost TaskManagers (the ResourceManager's thread), the completion of
 * file system work that runs on the {@code io} executor (opening the checkpoint storage, reading a
 * savepoint or the checkpoint to restore, writing metadata, retention and deleting abandoned
 * checkpoints), and the public commands ({@link #start}, {@link #cancel}, the savepoint methods),
 * which answer with futures. So no lock is needed and the main thread waits for no other thread; it
 * still does the short file system calls of a trigger (creating the checkpoint's or savepoint's
 * directory) and of a deployment (the sources' splits). Readers on other
 * threads get published values: {@link #getStatus}, {@link #getFailureCause}, the restart count and
 * the restored checkpoint are volatile; {@link #details()} is computed on the main thread (a
 * consistent snapshot) and, once the job ended, is the final snapshot. Calls into TaskManagers
 * ({@link TaskExecutorGateway}) do not wait for the tasks.
 */
public final class JobMaster implements TaskExecutionListener, SlotOwner {
    private static final Logger LOG = LoggerFactory.getLogger(JobMaster.class);

    private final JobGraph job;
    private final UserCode userCode;
    private final ResourceManager resourceManager;
    private final Executor io;
    private final ScheduledExecutorService mainThread;
    private final CompletableFuture<JobExecutionResult> result = new CompletableFuture<>();
    private final long startTime = System.currentTimeMillis();
    private final RestartBackoff restarts;

    // ---- main thread ----
    /** The slots the job holds: its highest parallelism of them, fewer after a TaskManager was lost. */
    private final List<Slot> slots = new ArrayList<>();
    /** Slots the job lost with their TaskManagers and has not replaced yet. */
    private final List<Slot> lostSlots = new ArrayList<>();
    /** The open request for slots, or null. */
    private CompletableFuture<List<Slot>> slotRequest;
    /** The current attempt of every subtask; replaced at each restart. */
    private ExecutionGraph executions;
    private long restartDelay;
    /** Every current attempt is RUNNING or FINISHING (kept for the coordinator's trigger checks). */
    private boolean allTasksStarted;
    /** The newest failures, oldest first (at most {@link FailureRecord#KEPT}); replaced whole, read by any thread. */
    private volatile List<FailureRecord> failureHistory = List.of();
    /** The savepoint the first deployment restored (remapped to this job's vertices), or null. */
    private CompletedCheckpoint initialRestore;
    /** The job's pipelined regions when it has blocking exchanges (it then runs region by region), else null. */
    private final PipelinedRegions regions;
    /** Regions whose failed attempt is being cancelled or waits for its restart delay. */
    private final Set<PipelinedRegions.Region> restartingRegions = new HashSet<>();
    /** A restart of {@link #restartingRegions} is scheduled. */
    private boolean regionRestartScheduled;
    /** TaskManagers lost while the job ran region by region: the results their finished subtasks held are gone. */
    private final Set<TaskExecutorGateway> lostTaskManagers = new HashSet<>();
    /** Each source vertex's splits per subtask, created once, when its first region is deployed. */
    private final Map<String, List<byte[]>> sourceSplits = new HashMap<>();
    /** The superstep reports of the job's iterations' heads, gathered until all heads of a superstep sent theirs. */
    private final SuperstepAligner superstepAligner = new SuperstepAligner();

    // ---- written on the main thread, read by anyone ----
    private volatile JobStatus status = JobStatus.CREATED;
    private volatile Throwable failureCause;
    private volatile long endTime;
    private volatile long restoredCheckpointId = -1;
    private volatile CheckpointCoordinator checkpoints;
    /** The details at the end, published before the main thread stops; null while the job runs. */
    private volatile JobDetails finalDetails;

    /**
     * @param io runs file system work (checkpoint storage, savepoints) off the main thread
     */
    public JobMaster(JobGraph job, UserCode userCode, ResourceManager resourceManager, Executor io) {
        this.job = job;
        this.userCode = userCode;
        this.resourceManager = resourceManager;
        this.io = io;
        this.restarts = new RestartBackoff(job.getExecutionConfig().getEffectiveRestartStrategy());
        this.mainThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jobmaster-" + job.getJobId().toHexString());
            t.setDaemon(true);
            return t;
        });
        this.executions = ExecutionGraph.create(job, 0);
        this.regions = PipelinedRegions.hasBlockingEdges(job) ? PipelinedRegions.of(job) : null;
    }

    /** Runs {@code action} on the main thread; dropped once the job ended (its thread is gone). */
    private void runOnMainThread(Runnable action) {
        try {
            mainThread.execute(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("Job '{}' ({}): a step of its JobMaster failed", job.getName(), job.getJobId(), e);
                    failWithoutRestart(e);
                }
            });
        } catch (RejectedExecutionException ended) {
            LOG.debug("Job {} ended; dropped a message for its JobMaster", job.getJobId());
        }
    }

    /** Runs a savepoint command on the main thread and completes with its future; refused once the job ended. */
    private CompletableFuture<String> savepointOnMainThread(Supplier<CompletableFuture<String>> command) {
        try {
            return CompletableFuture.supplyAsync(command, mainThread).thenCompose(f -> f);
        } catch (RejectedExecutionException ended) {
            return CompletableFuture.failedFuture(new IllegalStateException("Cannot take a savepoint of job "
                    + job.getJobId() + ": it is " + status));
        }
    }

    /** How often the job was restarted after task failures. */
    public int getNumberOfRestarts() {
        return restarts.restarts();
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

    /**
     * Starts the job: opens its checkpoint storage and the savepoint it starts from (on the io
     * executor), asks for its slots, then creates the sources' splits and deploys every subtask. A
     * failure in any step, or no slots within {@code slot.request.timeout}, fails the job. Returns at once.
     */
    public void start() {
        runOnMainThread(() -> {
            status = JobStatus.RUNNING;
            CheckpointConfig config = job.getExecutionConfig().getCheckpointConfig();
            if (config.isCheckpointingEnabled() && config.getCheckpointDirectory() == null) {
                failBeforeDeployment(new IllegalStateException("Job '" + job.getName() + "' checkpoints but has no "
                        + "checkpoint directory: set 'state.checkpoints.dir' or CheckpointConfig.setCheckpointDirectory"));
                return;
            }
            CompletableFuture.supplyAsync(() -> openCheckpoints(config), io).whenCompleteAsync((coordinator, failure) -> {
                if (failure != null) {
                    failBeforeDeployment(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                } else {
                    checkpoints = coordinator;
                    if (initialRestore != null) {
                        restoredCheckpointId = initialRestore.checkpointId();
                        coordinator.stats().reportRestored(restoredCheckpointId, config.getSavepointRestorePath());
                        LOG.info("Job '{}' ({}) starts from savepoint {}", job.getName(), job.getJobId(),
                                config.getSavepointRestorePath());
                    }
                    int wanted = regions == null ? job.getMaximumParallelism()
                            : Math.max(regions.slotsNeeded(), Math.min(job.getMaximumParallelism(),
                                    resourceManager.getFreeSlots()));
                    requestSlots(wanted, "Job '" + job.getName() + "' needs " + wanted + " task slots ("
                            + (regions == null ? "its highest parallelism" : "its largest pipelined region needs "
                            + regions.slotsNeeded()) + ")",
                            "Lower the parallelism (-p or setParallelism) or add slots ('"
                            + TaskManagerOptions.NUM_TASK_SLOTS.key() + "' or more TaskManagers).",
                            JobStatus.RUNNING, () -> deploy(initialRestore));
                }
            }, mainThread);
        });
    }

    /** On the io executor: the coordinator (it lists the completed checkpoints) and the savepoint to start from. */
    private CheckpointCoordinator openCheckpoints(CheckpointConfig config) {
        try {
            // without a checkpoint directory it takes savepoints only, into the directory each one names
            CheckpointStorage storage = config.getCheckpointDirectory() == null ? null
                    : CheckpointStorages.forDirectory(config.getCheckpointDirectory(), userCode.classLoader());
            CheckpointCoordinator coordinator = new CheckpointCoordinator(job.getJobId().toHexString(), config, storage,
                    mainThread, io, this::failWithoutRestart);
            if (config.getSavepointRestorePath() != null) {
                initialRestore = SavepointRestore.load(config.getSavepointRestorePath(), job, userCode.classLoader(),
                        config.isAllowNonRestoredState()); // read on the main thread only after this completes
            }
            return coordinator;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /**
     * Asks the ResourceManager for {@code count} more slots; once granted (on the main thread), and if the
     * job is still {@code expected}, adds them and runs {@code then}. A timeout counts as a failure of the job.
     */
    private void requestSlots(int count, String what, String hint, JobStatus expected, Runnable then) {
        CompletableFuture<List<Slot>> request = resourceManager.requestSlots(count, this, what, hint);
        slotRequest = request;
        request.whenCompleteAsync((granted, failure) -> {
            if (slotRequest == request) {
                slotRequest = null;
            }
            if (failure != null) {
                if (status == expected && !request.isCancelled()) {
                    slotsMissing(failure instanceof CompletionException ? failure.getCause() : failure);
                }
            } else if (status != expected) {
                resourceManager.releaseSlots(granted); // cancelled meanwhile
            } else {
                for (int i = 0; i < granted.size() && !lostSlots.isEmpty(); i++) {
                    LOG.info("Slot {} of a lost TaskManager is replaced by {}", lostSlots.remove(0), granted.get(i));
                }
                slots.addAll(granted);
                then.run();
            }
        }, this::runOnMainThread);
    }

    /** No slots within the timeout: at the start the job fails; at a restart, that attempt failed. */
    private void slotsMissing(Throwable cause) {
        if (status == JobStatus.RUNNING && regions != null && executions.all().stream().anyMatch(Execution::submitted)) {
            failWithoutRestart(cause); // a region's restart found no slots; the running regions are cancelled
        } else if (status == JobStatus.RUNNING) {
            failBeforeDeployment(cause);
        } else if (status == JobStatus.RESTARTING) {
            failOrRestart("no slots", cause, new ArrayList<>()); // no task of the failed attempt is left
            checkTermination(); // schedules the next attempt, or fails the job
        }
    }

    /**
     * Takes a savepoint of the running job into {@code targetDirectory} (null: the job's
     * {@code state.savepoints.dir}); completes with the savepoint's directory.
     */
    public CompletableFuture<String> triggerSavepoint(String targetDirectory) {
        return savepointOnMainThread(() -> {
            try {
                return checkpoints.triggerSavepoint(savepointTarget(targetDirectory), false);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        });
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
     * a task failure (restart strategy). A stop that cannot take its savepoint at all (a task is
     * being deployed or has finished) is refused before anything is drained: the job goes on.
     */
    public CompletableFuture<String> stopWithSavepoint(String targetDirectory, boolean drain) {
        return savepointOnMainThread(() -> {
            try {
                CheckpointCoordinator.SavepointTarget target = savepointTarget(targetDirectory);
                if (!drain) {
                    return checkpoints.triggerSavepoint(target, true);
                }
                CompletableFuture<String> drained = checkpoints.drain(target);
                drained.whenCompleteAsync((path, failure) -> {
                    if (failure != null) {
                        failover(new IllegalStateException("The final savepoint of the stop with drain failed after "
                                + "the input was drained: " + failure.getMessage(), failure));
                    }
                }, this::runOnMainThread);
                return drained;
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        });
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
        CheckpointConfig config = job.getExecutionConfig().getCheckpointConfig();
        String target = targetDirectory != null && !targetDirectory.isBlank() ? targetDirectory
                : config.getSavepointDirectory();
        if (target == null) {
            throw new IllegalStateException("No target directory for a savepoint of job " + job.getJobId()
                    + ": name one or set 'state.savepoints.dir'");
        }
        if (regions != null) {
            throw new IllegalStateException("Cannot take a savepoint of job " + job.getJobId() + ": it runs region by "
                    + "region over blocking exchanges (a batch job), which takes no checkpoints or savepoints");
        }
        if (status != JobStatus.RUNNING || checkpoints == null) {
            throw new IllegalStateException("Cannot take a savepoint of job " + job.getJobId() + ": it is "
                    + (status == JobStatus.RUNNING ? "waiting for its slots" : status));
        }
        return new CheckpointCoordinator.SavepointTarget(target,
                CheckpointStorages.forDirectory(target, userCode.classLoader()));
    }

    /**
     * Places the current attempts into the job's slots and deploys them, from {@code restore} if not
     * null, and starts checkpointing them.
     */
    private void deploy(CompletedCheckpoint restore) {
        if (status != JobStatus.RUNNING) {
            return;
        }
        if (regions != null) {
            checkpoints.start(List.of(), () -> false);
            deployReadyRegions();
            return;
        }
        executions.place(SlotAssignment.assign(job, slots));
        List<TaskDeploymentDescriptor> deployments = new ArrayList<>();
        List<CheckpointCoordinator.TaskAttempt> attempts = new ArrayList<>();
        try {
            Set<String> finished = restore == null ? Set.of() : finishedVertices(restore);
            for (JobVertex v : job.getVertices()) {
                List<SubtaskState> restored = restore == null ? null : restore.vertices().get(v.getId());
                List<byte[]> splits = !v.isSource() ? null
                        : restored != null ? restoredSplits(v, restored) : createSplits(v);
                TaskRestore taskRestore = restored == null ? null
                        : taskRestore(restore.checkpointId(), restored, finished.contains(v.getId()));
                for (Execution e : executions.subtasks(v.getId())) {
                    deployments.add(deployment(e, splits == null ? null : splits.get(e.subtask()), taskRestore));
                    attempts.add(new CheckpointCoordinator.TaskAttempt(e.attempt(), e.slot().taskManager(),
                            v.getId(), e.subtask(), v.getParallelism(), v.isSource()));
                }
            }
        } catch (Exception e) {
            failBeforeDeployment(e);
            return;
        }
        LOG.info("Deploying job '{}' ({}): {} subtasks{}", job.getName(), job.getJobId(), deployments.size(),
                restore == null ? "" : " from checkpoint " + restore.checkpointId());
        checkpoints.start(attempts, () -> allTasksStarted);
        for (TaskDeploymentDescriptor d : deployments) {
            Execution e = executions.get(d.attemptId());
            e.markSubmitted();
            // its state changes come back as messages, after this loop: a failure cancels what was submitted
            e.slot().taskManager().submitTask(d, userCode, this);
        }
    }

    // ---------------------------------------------------------------- region by region (blocking exchanges)

    /**
     * Deploys every region that waits, whose producer regions have finished and for which enough of
     * the job's slots are free (held by no subtask that is still running), in topological order.
     */
    private void deployReadyRegions() {
        if (status != JobStatus.RUNNING) {
            return;
        }
        Set<Slot> busy = new HashSet<>();
        for (Execution x : executions.all()) {
            if (x.slot() != null && !x.state().isTerminal()) {
                busy.add(x.slot());
            }
        }
        List<Slot> free = new ArrayList<>(slots);
        free.removeAll(busy);
        // A TaskManager gone before the ResourceManager reported it (its tasks' failures came first): a region
        // deployed there would fail at once, and each such failure would use up a restart of the job.
        free.removeIf(slot -> slot.taskManager().isLost());
        for (PipelinedRegions.Region region : regions.regions()) {
            if (restartingRegions.contains(region) || !waits(region) || !region.producers().stream().allMatch(this::finished)) {
                continue;
            }
            Map<PipelinedRegions.SubtaskId, Slot> placement = SlotAssignment.assignRegion(job, region, free);
            if (placement == null && busy.isEmpty() && free.size() >= region.slotsNeeded()) {
                // every slot of the job is free and the region still does not fit: no waiting can change that
                failWithoutRestart(new IllegalStateException("Region " + region.index() + " of job '" + job.getName()
                        + "' cannot be placed into the job's " + free.size() + " slots: "
                        + SlotAssignment.whyRegionDoesNotFit(job, region)));
                return;
            }
            if (placement == null) {
                continue; // waits until a running region frees slots
            }
            free.removeAll(placement.values());
            try {
                deployRegion(region, placement);
            } catch (Exception e) {
                failWithoutRestart(e);
                return;
            }
        }
    }

    private void deployRegion(PipelinedRegions.Region region, Map<PipelinedRegions.SubtaskId, Slot> placement)
            throws Exception {
        List<Execution> members = members(region);
        members.forEach(e -> executions.place(e, placement.get(new PipelinedRegions.SubtaskId(e.vertex().getId(),
                e.subtask()))));
        List<TaskDeploymentDescriptor> deployments = new ArrayList<>();
        for (Execution e : members) { // every member is placed first: deployment() names its producers' slots
            JobVertex v = e.vertex();
            byte[] splits = null;
            if (v.isSource()) {
                List<byte[]> ofVertex = sourceSplits.get(v.getId());
                if (ofVertex == null) {
                    ofVertex = createSplits(v);
                    sourceSplits.put(v.getId(), ofVertex);
                }
                splits = ofVertex.get(e.subtask());
            }
            deployments.add(deployment(e, splits, null));
        }
        LOG.info("Deploying region {} of job '{}' ({}): {} subtasks", region.index(), job.getName(), job.getJobId(),
                deployments.size());
        for (TaskDeploymentDescriptor d : deployments) {
            Execution e = executions.get(d.attemptId());
            e.markSubmitted();
            e.slot().taskManager().submitTask(d, userCode, this);
        }
    }

    /**
     * A subtask of a job that runs region by region changed state while the job runs; returns whether
     * that was all to do (else the common handling goes on).
     */
    private boolean onRegionTaskStateChanged(Execution e, ExecutionState state, Throwable failure) {
        PipelinedRegions.Region region = regions.regionOf(e.vertex().getId(), e.subtask());
        if (restartingRegions.contains(region)) {
            if (state.isTerminal()) {
                scheduleRegionRestart(); // cancelled for the restart, or failed meanwhile
            }
            return true;
        }
        switch (state) {
            case FINISHED -> {
                deployReadyRegions(); // its slot may be free, its region finished
                checkTermination();
                return true;
            }
            case FAILED, CANCELED -> {
                Throwable cause = state == ExecutionState.FAILED ? failure
                        : new IllegalStateException(e.describe() + " was cancelled by its TaskManager");
                restartRegions(Set.of(region), e.describe() + " failed", cause);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * A TaskManager is gone: its running subtasks failed, and the results its finished subtasks held
     * are lost; one region restart covers them all.
     */
    private void regionsLost(TaskExecutorGateway taskManager, Throwable cause) {
        lostTaskManagers.add(taskManager);
        Set<PipelinedRegions.Region> affected = new HashSet<>();
        for (Execution e : new ArrayList<>(executions.all())) {
            if (e.slot() == null || e.slot().taskManager() != taskManager) {
                continue;
            }
            PipelinedRegions.Region region = regions.regionOf(e.vertex().getId(), e.subtask());
            if (!e.state().isTerminal()) {
                e.transitionTo(ExecutionState.FAILED, null);
                affected.add(region);
            } else if (e.state() == ExecutionState.FINISHED
                    && !region.consumers().stream().allMatch(this::finished)) {
                affected.add(region); // its results are still to be read
            }
        }
        affected.removeAll(restartingRegions);
        if (!affected.isEmpty()) {
            restartRegions(affected, "TaskManager " + taskManager.getId() + " was lost", cause);
        }
        scheduleRegionRestart();
    }

    /**
     * Restarts {@code failed} with the regions that read their results and were started, and the
     * finished regions they read whose results were lost; if the restart strategy allows, else the
     * job fails.
     */
    private void restartRegions(Set<PipelinedRegions.Region> failed, String what, Throwable cause) {
        restartDelay = restarts.onFailure();
        boolean restarting = restartDelay >= 0;
        recordFailure(what, cause, restarting);
        if (!restarting) {
            LOG.info("Job '{}' ({}) is failing: {}", job.getName(), job.getJobId(), what, cause);
            failureCause = cause;
            status = JobStatus.FAILING;
            cancel(executions.unfinished());
            checkTermination();
            return;
        }
        Set<PipelinedRegions.Region> toRestart = new HashSet<>(failed);
        boolean grown = true;
        while (grown) {
            Set<PipelinedRegions.Region> closure = new HashSet<>();
            for (PipelinedRegions.Region r : PipelinedRegions.withConsumers(toRestart)) {
                if (toRestart.contains(r) || !waits(r)) {
                    closure.add(r);
                }
                r.producers().stream().filter(this::resultsLost).forEach(closure::add);
            }
            grown = toRestart.addAll(closure);
        }
        LOG.info("Job '{}' ({}) restarts regions {} (restart {}, {}): {}", job.getName(), job.getJobId(),
                toRestart.stream().map(PipelinedRegions.Region::index).sorted().toList(), restarts.restarts(), restarts,
                what, cause);
        restartingRegions.addAll(toRestart);
        List<Execution> toCancel = new ArrayList<>();
        toRestart.forEach(r -> members(r).stream().filter(x -> !x.state().isTerminal()).forEach(toCancel::add));
        cancel(toCancel);
        scheduleRegionRestart();
    }

    /** Once every subtask of the restarting regions ended, schedules their new attempts after the restart delay. */
    private void scheduleRegionRestart() {
        if (regionRestartScheduled || restartingRegions.isEmpty() || !restartingRegionsEnded()) {
            return;
        }
        regionRestartScheduled = true;
        mainThread.schedule(() -> runOnMainThread(this::redeployRegions), restartDelay, TimeUnit.MILLISECONDS);
    }

    private boolean restartingRegionsEnded() {
        return restartingRegions.stream().allMatch(r -> members(r).stream().allMatch(x -> x.state().isTerminal()));
    }

    /**
     * Replaces the restarting regions' subtasks with new attempts, frees the results their old
     * attempts left on the TaskManagers, and deploys what is ready (asking for slots lost meanwhile).
     */
    private void redeployRegions() {
        regionRestartScheduled = false;
        if (status != JobStatus.RUNNING) {
            return;
        }
        if (!restartingRegionsEnded()) {
            scheduleRegionRestart(); // a region added meanwhile is still being cancelled
            return;
        }
        Map<TaskExecutorGateway, List<ResultPartitionId>> oldResults = new HashMap<>();
        for (PipelinedRegions.Region r : restartingRegions) {
            for (Execution x : members(r)) {
                if (x.slot() != null && !lostTaskManagers.contains(x.slot().taskManager())) {
                    for (JobEdge edge : x.vertex().getOutputs()) {
                        oldResults.computeIfAbsent(x.slot().taskManager(), tm -> new ArrayList<>())
                                .add(new ResultPartitionId(x.attempt(), edge.producerOutput()));
                    }
                }
                executions.reset(x.vertex().getId(), x.subtask(), restarts.restarts());
            }
        }
        oldResults.forEach(TaskExecutorGateway::releasePartitions);
        restartingRegions.clear();
        int missing = regions.slotsNeeded() - slots.size();
        if (missing > 0) {
            requestSlots(missing, "Job '" + job.getName() + "' cannot restart its regions, " + missing + " of the slots "
                    + "its largest region needs were on lost TaskManagers",
                    "Start TaskManagers; the restart strategy decides how often the job tries again.",
                    JobStatus.RUNNING, this::deployReadyRegions);
        } else {
            deployReadyRegions();
        }
    }

    /** The current attempts of a region's subtasks. */
    private List<Execution> members(PipelinedRegions.Region region) {
        List<Execution> members = new ArrayList<>();
        for (PipelinedRegions.SubtaskId s : region.subtasks()) {
            members.add(executions.subtasks(s.vertexId())[s.subtask()]);
        }
        return members;
    }

    /** No subtask of the region was deployed yet (in its current attempt). */
    private boolean waits(PipelinedRegions.Region region) {
        return members(region).stream().noneMatch(Execution::submitted);
    }

    private boolean finished(PipelinedRegions.Region region) {
        return members(region).stream().allMatch(x -> x.state() == ExecutionState.FINISHED);
    }

    /** The region finished, but a TaskManager that held some of its results is gone. */
    private boolean resultsLost(PipelinedRegions.Region region) {
        return finished(region) && members(region).stream()
                .anyMatch(x -> x.slot() != null && lostTaskManagers.contains(x.slot().taskManager()));
    }

    /** Fails the job before (or while) deploying it: nothing was submitted, so every subtask is cancelled here. */
    private void failBeforeDeployment(Throwable e) {
        failureCause = e;
        for (Execution ex : executions.all()) {
            ex.transitionTo(ExecutionState.CANCELED, null);
        }
        status = JobStatus.FAILING;
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
        JobVertex v = e.vertex();
        List<OutputDescriptor> outputs = new ArrayList<>();
        for (JobEdge edge : v.getOutputs()) {
            int consumers = job.getVertex(edge.consumerId()).getParallelism();
            int subpartitions = EdgeWiring.consumersOf(e.subtask(), v.getParallelism(), consumers, edge.pointwise()).size();
            outputs.add(new OutputDescriptor(new ResultPartitionId(e.attempt(), edge.producerOutput()), subpartitions,
                    edge.isBlocking()));
        }
        List<InputDescriptor> inputs = new ArrayList<>();
        for (JobEdge edge : v.getInputs()) {
            Execution[] producers = executions.subtasks(edge.producerId());
            List<ChannelDescriptor> channels = new ArrayList<>();
            for (int p : EdgeWiring.producersOf(e.subtask(), producers.length, v.getParallelism(), edge.pointwise())) {
                int subpartition = EdgeWiring.consumersOf(p, producers.length, v.getParallelism(), edge.pointwise())
                        .indexOf(e.subtask());
                TaskExecutorGateway producer = producers[p].slot().taskManager();
                // consumers on the producer's own TaskManager read its memory, others go through its data server
                DataAddress address = producer == e.slot().taskManager() ? null : producer.getDataAddress();
                channels.add(new ChannelDescriptor(new ResultPartitionId(producers[p].attempt(), edge.producerOutput()),
                        subpartition, address));
            }
            inputs.add(new InputDescriptor(channels, edge.isBlocking()));
        }
        return new TaskDeploymentDescriptor(job.getJobId().toHexString(), job.getName(), e.attempt(), v.getId(),
                v.getName(), e.subtask(), v.getParallelism(), v.getMaxParallelism(), e.attemptNumber(), v.getChainConfig(),
                splits, job.getExecutionConfig(), outputs, inputs, restore, e.slot().index());
    }

    @Override
    public void taskStateChanged(ExecutionAttemptId attempt, ExecutionState state, Throwable failure,
            TaskMetricsSnapshot metrics) {
        runOnMainThread(() -> onTaskStateChanged(attempt, state, failure, metrics));
    }

    @Override
    public void acknowledgeCheckpoint(ExecutionAttemptId attempt, long checkpointId, SubtaskState state,
            CheckpointDurations durations) {
        runOnMainThread(() -> {
            if (checkpoints != null) {
                checkpoints.acknowledge(attempt, checkpointId, state, durations);
            }
        });
    }

    @Override
    public void declineCheckpoint(ExecutionAttemptId attempt, long checkpointId, String reason) {
        runOnMainThread(() -> {
            if (checkpoints != null) {
                checkpoints.decline(attempt, checkpointId, reason);
            }
        });
    }

    /** The reports of a superstep go to the main thread; the future completes there once every head sent its report. */
    @Override
    public CompletableFuture<List<byte[]>> alignSuperstep(ExecutionAttemptId attempt, SuperstepId superstep, int subtask,
            int parties, byte[] report) {
        CompletableFuture<List<byte[]>> all = new CompletableFuture<>();
        try {
            mainThread.execute(() -> superstepAligner.report(superstep, subtask, parties, report).whenComplete((reports, e) -> {
                if (e != null) {
                    all.completeExceptionally(e);
                } else {
                    all.complete(reports);
                }
            }));
        } catch (RejectedExecutionException ended) {
            all.completeExceptionally(new IllegalStateException("Job '" + job.getName() + "' ended"));
        }
        return all;
    }

    /**
     * A TaskManager holding slots of this job is gone: its slots are dropped, and its tasks, which can
     * report nothing any more, fail here (the job fails over; the restart asks for new slots).
     */
    @Override
    public void taskManagerLost(TaskExecutorGateway taskManager, String reason) {
        runOnMainThread(() -> {
            for (Slot slot : List.copyOf(slots)) {
                if (slot.taskManager() == taskManager) {
                    slots.remove(slot);
                    lostSlots.add(slot);
                }
            }
            Throwable cause = new IllegalStateException("TaskManager " + taskManager.getId() + " at "
                    + taskManager.getLocation() + " is unusable: " + reason);
            if (regions != null && status == JobStatus.RUNNING) {
                regionsLost(taskManager, cause);
                return;
            }
            for (Execution e : new ArrayList<>(executions.all())) {
                if (e.slot() != null && e.slot().taskManager() == taskManager && !e.state().isTerminal()) {
                    onTaskStateChanged(e.attempt(), ExecutionState.FAILED, cause, null);
                }
            }
        });
    }

    private void onTaskStateChanged(ExecutionAttemptId attempt, ExecutionState state, Throwable failure,
            TaskMetricsSnapshot metrics) {
        Execution e = executions.get(attempt);
        if (e == null || e.state().isTerminal()) {
            return;
        }
        e.transitionTo(state, metrics);
        if (regions != null && status == JobStatus.RUNNING && onRegionTaskStateChanged(e, state, failure)) {
            return;
        }
        allTasksStarted = executions.allStarted();
        if (state == ExecutionState.CANCELED && status == JobStatus.RUNNING) {
            // nobody asked for it: its TaskManager gave it up (shutting down, or lost its JobManager)
            state = ExecutionState.FAILED;
            e.transitionTo(state, null);
            failure = new IllegalStateException(e.describe() + " was cancelled by its TaskManager");
        }
        if (state == ExecutionState.FAILED && status == JobStatus.RUNNING) {
            List<Execution> toCancel = new ArrayList<>();
            failOrRestart(e.describe() + " failed", failure, toCancel);
            cancel(toCancel);
        } else if (checkpoints != null && state == ExecutionState.FINISHED) {
            checkpoints.taskFinished(attempt);
        } else if (checkpoints != null && state == ExecutionState.FINISHING) {
            checkpoints.taskFinishing(attempt);
        }
        checkTermination();
    }

    /**
     * The job failed: RESTARTING if the restart strategy allows, else FAILING; stops checkpointing and
     * collects the tasks to cancel. Returns whether it restarts.
     */
    private boolean failOrRestart(String what, Throwable failure, List<Execution> toCancel) {
        failureCause = failure;
        restartDelay = restarts.onFailure();
        boolean restarting = restartDelay >= 0;
        if (restarting) {
            LOG.info("Job '{}' ({}) is restarting (restart {}, {}): {}", job.getName(), job.getJobId(),
                    restarts.restarts(), restarts, what, failure);
            status = JobStatus.RESTARTING;
            if (checkpoints != null) {
                checkpoints.stop(); // the restart waits for the completions in progress (see restart)
            }
        } else {
            LOG.info("Job '{}' ({}) is failing: {}", job.getName(), job.getJobId(), what, failure);
            status = JobStatus.FAILING;
        }
        recordFailure(what, failure, restarting);
        toCancel.addAll(executions.unfinished());
        return restarting;
    }

    private void recordFailure(String what, Throwable failure, boolean restarting) {
        List<FailureRecord> history = new ArrayList<>(failureHistory);
        if (history.size() == FailureRecord.KEPT) {
            history.remove(0);
        }
        history.add(FailureRecord.of(what, failure, restarting));
        failureHistory = List.copyOf(history);
    }

    /** Fails the running job for a reason that is no task's, as a task failure would (restart strategy). */
    private void failover(Throwable cause) {
        if (status != JobStatus.RUNNING) {
            return;
        }
        List<Execution> toCancel = new ArrayList<>();
        failOrRestart("its final savepoint failed", cause, toCancel);
        cancel(toCancel);
        checkTermination();
    }

    /** Fails the job for a reason that is no task's fault (too many failed checkpoints); no restart. */
    private void failWithoutRestart(Throwable cause) {
        if (status != JobStatus.RUNNING && status != JobStatus.RESTARTING) {
            return;
        }
        LOG.info("Job '{}' ({}) is failing: {}", job.getName(), job.getJobId(), cause.getMessage());
        status = JobStatus.FAILING;
        failureCause = cause;
        cancel(executions.unfinished());
        checkTermination();
    }

    /**
     * All tasks of the failed attempt ended: once the checkpoint completions in progress are done,
     * reads the latest checkpoint (io executor), gets slots for those lost with their TaskManagers,
     * and deploys the next attempt of every subtask from it.
     */
    private void restart() {
        if (status != JobStatus.RESTARTING) {
            return;
        }
        // the failed attempt's partitions go before the new attempt's are created
        taskManagers().forEach(tm -> tm.releaseJob(job.getJobId().toHexString()));
        CompletableFuture<Restorable> latest = checkpoints == null ? CompletableFuture.completedFuture(null)
                : checkpoints.stop().thenCompose(done -> checkpoints.latestRestorable());
        latest.whenCompleteAsync((checkpoint, failure) -> {
            if (status != JobStatus.RESTARTING) {
                return;
            }
            if (failure != null) {
                LOG.warn("Cannot list the completed checkpoints of job {}; restarting without state", job.getJobId(),
                        failure);
            }
            // without a checkpoint since the savepoint the job started from, that savepoint
            redeploy(checkpoint != null ? checkpoint : initialRestore == null ? null
                    : new Restorable(initialRestore, job.getExecutionConfig().getCheckpointConfig().getSavepointRestorePath()));
        }, this::runOnMainThread);
    }

    /** Deploys the next attempt once the job holds enough slots again, asking for those lost meanwhile. */
    private void redeploy(Restorable restore) {
        int missing = job.getMaximumParallelism() - slots.size();
        if (missing > 0) { // lost with their TaskManagers, maybe while the last request was served
            requestSlots(missing, "Job '" + job.getName() + "' cannot restart, " + missing + " of its slots were on "
                    + "lost TaskManagers", "Start TaskManagers; the restart strategy decides how often the job tries again.",
                    JobStatus.RESTARTING, () -> redeploy(restore));
            return;
        }
        executions = ExecutionGraph.create(job, restarts.restarts());
        allTasksStarted = false;
        status = JobStatus.RUNNING;
        restoredCheckpointId = restore == null ? -1 : restore.checkpoint().checkpointId();
        if (restore != null && checkpoints != null) { // after the id is published: who sees the restore in the statistics sees the id
            checkpoints.stats().reportRestored(restoredCheckpointId, restore.pointer());
        }
        deploy(restore == null ? null : restore.checkpoint());
    }

    /** Cancels the job: every subtask is cancelled; the result completes with CANCELED. */
    public void cancel() {
        runOnMainThread(() -> {
            if (status.isTerminal() || status == JobStatus.CANCELLING) {
                return;
            }
            // a pending restart sees this and does not deploy
            status = JobStatus.CANCELLING;
            if (slotRequest != null) {
                slotRequest.cancel(false);
            }
            cancel(executions.unfinished());
            checkTermination();
        });
    }

    /** Cancels these executions: through their TaskManager once submitted, else here. */
    private void cancel(List<Execution> toCancel) {
        for (Execution x : toCancel) {
            if (x.submitted()) {
                x.slot().taskManager().cancelTask(x.attempt());
            } else {
                x.transitionTo(ExecutionState.CANCELED, null);
            }
        }
    }

    private Set<TaskExecutorGateway> taskManagers() {
        Set<TaskExecutorGateway> taskManagers = new LinkedHashSet<>();
        slots.forEach(s -> taskManagers.add(s.taskManager()));
        return taskManagers;
    }

    /**
     * Once every task ended: schedules the restart, or ends the job. The end waits for the checkpoint
     * completions in progress and for the slots to be back with the ResourceManager, then publishes
     * the final details, stops the main thread and completes the result.
     */
    private void checkTermination() {
        if (status.isTerminal() || status == JobStatus.CREATED) {
            return;
        }
        if (!executions.allTerminal() || status == JobStatus.RUNNING && !restartingRegions.isEmpty()) {
            return;
        }
        if (status == JobStatus.RESTARTING) {
            mainThread.schedule(() -> runOnMainThread(this::restart), restartDelay, TimeUnit.MILLISECONDS);
            return;
        }
        if (slotRequest != null) {
            slotRequest.cancel(false);
        }
        JobStatus finalStatus = switch (status) {
            case FAILING -> JobStatus.FAILED;
            case CANCELLING -> JobStatus.CANCELED;
            default -> JobStatus.FINISHED;
        };
        endTime = System.currentTimeMillis();
        status = finalStatus;
        taskManagers().forEach(tm -> tm.releaseJob(job.getJobId().toHexString()));
        CompletableFuture<Void> checkpointsDone = checkpoints == null ? CompletableFuture.completedFuture(null)
                : checkpoints.stop();
        List<Slot> held = List.copyOf(slots);
        slots.clear();
        lostSlots.clear();
        checkpointsDone.thenCompose(done -> resourceManager.releaseSlots(held))
                .whenCompleteAsync((done, failure) -> end(finalStatus), this::runOnMainThread);
    }

    private void end(JobStatus finalStatus) {
        finalDetails = computeDetails();
        superstepAligner.failAll(new IllegalStateException("Job '" + job.getName() + "' ended " + finalStatus));
        mainThread.shutdown();
        LOG.info("Job '{}' ({}) {}", job.getName(), job.getJobId(), finalStatus);
        String name = "Job '" + job.getName() + "' (" + job.getJobId() + ")";
        switch (finalStatus) {
            case FINISHED -> result.complete(new JobExecutionResult(job.getJobId(), endTime - startTime, finalDetails));
            case CANCELED -> result.completeExceptionally(new JobExecutionException(job.getJobId(),
                    JobStatus.CANCELED, name + " was cancelled", null));
            default -> result.completeExceptionally(new JobExecutionException(job.getJobId(), JobStatus.FAILED,
                    name + " failed: " + failureCause, failureCause));
        }
    }

    /** The job's failures, newest first, whether or not they restarted it; callable from any thread. */
    public List<FailureRecord> getFailureHistory() {
        List<FailureRecord> newestFirst = new ArrayList<>(failureHistory);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Why the job failed, or null while it has not. */
    public Throwable getFailureCause() {
        return failureCause;
    }

    /**
     * The job's state and figures now, a consistent snapshot taken on the main thread (the final one
     * once the job ended); callable from any thread but the main thread.
     */
    public JobDetails details() {
        JobDetails ended = finalDetails;
        if (ended != null) {
            return ended;
        }
        try {
            return CompletableFuture.supplyAsync(this::computeDetails, mainThread).join();
        } catch (RejectedExecutionException justEnded) {
            return result.handle((r, f) -> finalDetails).join();
        }
    }

    private JobDetails computeDetails() {
        long duration = (endTime == 0 ? System.currentTimeMillis() : endTime) - startTime;
        // the cause of a failure the job restarted from is history (GET /jobs/:id/exceptions), not its state
        Throwable failed = status == JobStatus.FAILING || status == JobStatus.FAILED ? failureCause : null;
        return JobDetailsView.of(executions, status, startTime, duration, failed);
    }
}
