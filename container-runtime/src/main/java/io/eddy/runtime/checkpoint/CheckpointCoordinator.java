package io.eddy.runtime.checkpoint;

import io.eddy.api.execution.CheckpointConfig;
import io.eddy.api.execution.CheckpointingMode;
import io.eddy.runtime.execution.ExecutionAttemptId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Takes the checkpoints of one job: periodically triggers its source tasks (and the tasks whose
 * input ended, see below), collects every task's
 * acknowledgement, writes the metadata (which completes the checkpoint), tells the tasks and
 * deletes what retention no longer needs. A checkpoint that is declined, times out or cannot be
 * written fails; more consecutive failures than tolerated fail the job.
 *
 * <p>Between {@link #start} and {@link #stop} it serves one set of task attempts; the JobMaster
 * stops it when the job restarts or ends and starts it again with the new attempts.
 *
 * <p>End of input: a task whose input ended waits (FINISHING), serving only its mailbox, and sends
 * no barrier any more. Checkpoints and savepoints go on meanwhile: they are triggered directly on
 * the sources and on every FINISHING task, which snapshots its final state; the tasks after a
 * FINISHING one read its end-of-partition instead of a barrier, which counts as aligned. A task that
 * becomes FINISHING while a checkpoint still waits for it is triggered directly too: no barrier of
 * that checkpoint reached it before its end (with alignment it would have taken it first), so its
 * final state is consistent with what every task before it recorded; a task ignores a trigger of a
 * checkpoint it took already. Each task's state records whether its input had ended, so a restore
 * need not end the input of a finished vertex again. When every task waits, the <em>final</em>
 * checkpoint ({@link CheckpointOptions#finalCheckpoint()}) is triggered on all of them, and again on
 * the periodic schedule while one fails; only its completion lets the tasks finish.
 *
 * <p>Stopping: a stop savepoint makes the running tasks wait after their part, and the FINISHING ones
 * take theirs; all finish once it completed (or go on if it is aborted). A drain makes the sources
 * end their input, and the final checkpoint is then the savepoint. No other checkpoint is triggered
 * meanwhile.
 *
 * <p>Threading: one thread, the JobMaster's main thread, runs every method (except the constructor,
 * see there) and the timers (periodic triggers, timeouts), so no field needs a lock; the JobMaster
 * hands acknowledgements and declines over to it as messages. What is slow runs on the {@code io}
 * executor and comes back as a message: writing a checkpoint's metadata and deleting what retention
 * drops ({@link #complete}), deleting abandoned checkpoints, and reading checkpoints to restore
 * ({@link #latestRestorable}); a trigger still creates its directory on the main thread. A
 * completion in progress is not stopped by {@link #stop}: the stop's future completes once it is
 * done, and a restart restores only after that future, so it never picks a checkpoint that the
 * retention of a newer one is about to delete. Readers on other threads use {@link #stats()} (a
 * thread-safe tracker) and {@link #numberOfCompletedCheckpoints()} (published).
 */
public final class CheckpointCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointCoordinator.class);

    /** One subtask of the job: where to reach it and its place in the metadata. */
    public record TaskAttempt(ExecutionAttemptId attempt, CheckpointTaskGateway gateway, String vertexId, int subtask,
            int parallelism, boolean source) {}

    /** Where savepoints may go: a target directory and the storage that serves it. */
    public record SavepointTarget(String directory, CheckpointStorage storage) {}

    /** A stop with drain: its final savepoint's directory and who waits for it. */
    private record Drain(SavepointTarget target, CheckpointLocation location, CompletableFuture<String> result) {}

    private static final class Pending {
        final long id;
        final long timestamp;
        final CheckpointOptions options;
        /** The checkpoint's or savepoint's directory, and the storage it lies in. */
        final CheckpointLocation location;
        final CheckpointStorage storage;
        final Set<ExecutionAttemptId> waitingFor;
        final Map<ExecutionAttemptId, SubtaskState> acknowledged = new HashMap<>();
        /** For a savepoint: completed with its pointer; else null. */
        final CompletableFuture<String> savepointResult;
        ScheduledFuture<?> timeout;

        Pending(long id, long timestamp, CheckpointOptions options, CheckpointLocation location,
                CheckpointStorage storage, Set<ExecutionAttemptId> waitingFor, CompletableFuture<String> savepointResult) {
            this.id = id;
            this.timestamp = timestamp;
            this.options = options;
            this.location = location;
            this.storage = storage;
            this.waitingFor = waitingFor;
            this.savepointResult = savepointResult;
        }

        boolean isSavepoint() {
            return savepointResult != null;
        }
    }

    private final String jobId;
    private final CheckpointConfig config;
    private final CheckpointStorage storage;
    private final CheckpointRetention retention;
    private final ScheduledExecutorService mainThread;
    private final Executor io;
    private final Consumer<Throwable> failJob;
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    /** Completions whose metadata is being written or whose retention runs, on the io executor. */
    private int completionsInProgress;
    /** Completed when {@link #completionsInProgress} drops to 0: what {@link #stop} returns. */
    private CompletableFuture<Void> completionsDone = CompletableFuture.completedFuture(null);
    private final CheckpointStatsTracker stats = new CheckpointStatsTracker(CheckpointStatsTracker.DEFAULT_HISTORY_SIZE);
    private Map<ExecutionAttemptId, TaskAttempt> tasks = Map.of();
    /** The tasks whose input ended and that wait for the final checkpoint; triggered directly. */
    private final Set<ExecutionAttemptId> finishing = new HashSet<>();
    /** A stop savepoint or a drain is in progress (or a stop savepoint completed): nothing else is triggered. */
    private boolean stopping;
    /** The drain whose sources were told to end their input; taken as the final checkpoint, or null. */
    private Drain drain;
    /** Every task is RUNNING or FINISHING: checkpoints and savepoints can be taken. */
    private BooleanSupplier allStarted = () -> false;
    private ScheduledFuture<?> periodic;
    private long nextId;
    private long lastCompletionNanos;
    private int consecutiveFailures;
    /** Written on the main thread, read by anyone. */
    private volatile int completedCount;

    /**
     * @param storage where checkpoints go ({@code config}'s checkpoint directory), or null for a job
     *     without one: it takes savepoints only
     * @param mainThread the JobMaster's main thread: runs this coordinator's methods and timers
     * @param io runs the file system work (metadata, retention, restore reads) off the main thread
     * @param failJob called (once, on the main thread) when more consecutive checkpoints failed than tolerated
     * @throws IOException when the completed checkpoints cannot be listed; the constructor reads the
     *     storage, so the JobMaster creates its coordinator on the io executor
     */
    public CheckpointCoordinator(String jobId, CheckpointConfig config, CheckpointStorage storage,
            ScheduledExecutorService mainThread, Executor io, Consumer<Throwable> failJob) throws IOException {
        this.jobId = jobId;
        this.config = config;
        this.storage = storage;
        this.retention = storage == null ? null : new CheckpointRetention(storage, config.getNumRetainedCheckpoints());
        this.mainThread = mainThread;
        this.io = io;
        this.failJob = failJob;
        List<String> completed = storage == null ? List.of() : storage.listCompleted(jobId);
        this.nextId = completed.isEmpty() ? 1 : CheckpointRetention.checkpointId(completed.get(0)) + 1;
    }

    /**
     * Starts periodic checkpoints of these task attempts; triggers only while {@code allStarted}
     * holds: every task is RUNNING or FINISHING (none is still deploying, none finished).
     */
    public void start(List<TaskAttempt> attempts, BooleanSupplier allStarted) {
        Map<ExecutionAttemptId, TaskAttempt> byAttempt = new HashMap<>();
        attempts.forEach(t -> byAttempt.put(t.attempt(), t));
        this.tasks = byAttempt;
        this.allStarted = allStarted;
        finishing.clear();
        stopping = false;
        if (!config.isCheckpointingEnabled()) {
            return; // savepoints only
        }
        long interval = config.getCheckpointInterval();
        periodic = mainThread.scheduleAtFixedRate(this::triggerIfDue, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops triggering and abandons the checkpoints still collecting acknowledgements (not counted as
     * failures). Completes (on the main thread) once the completions in progress are done, metadata and
     * retention included: only then may a restart choose the checkpoint to restore.
     */
    public CompletableFuture<Void> stop() {
        if (periodic != null) {
            periodic.cancel(false);
            periodic = null;
        }
        for (Pending p : new ArrayList<>(pending.values())) {
            discard(p, "the job's tasks are being stopped");
        }
        failDrain("the job's tasks are being stopped");
        tasks = Map.of();
        return completionsDone;
    }

    /** The checkpoints completed so far (not savepoints); callable from any thread. */
    public int numberOfCompletedCheckpoints() {
        return completedCount;
    }

    /** The statistics of this job's checkpoints and savepoints. */
    public CheckpointStatsTracker stats() {
        return stats;
    }

    private void triggerIfDue() {
        try {
            trigger();
        } catch (Throwable t) {
            LOG.warn("Triggering a checkpoint of job {} failed", jobId, t);
        }
    }

    private void trigger() {
        if (tasks.isEmpty() || stopping) {
            return;
        }
        if (allFinishing()) {
            if (pending.values().stream().noneMatch(p -> p.options.finalCheckpoint())) {
                startCheckpoint(CheckpointOptions.Type.CHECKPOINT, null, null, null, true); // the final one failed: again
            }
            return;
        }
        if (pending.size() >= config.getMaxConcurrentCheckpoints()
                || System.nanoTime() - lastCompletionNanos < config.getMinPauseBetweenCheckpoints() * 1_000_000
                || !allStarted.getAsBoolean()) {
            return;
        }
        startCheckpoint(CheckpointOptions.Type.CHECKPOINT, null, null, null, false);
    }

    private boolean allFinishing() {
        return !tasks.isEmpty() && finishing.size() == tasks.size();
    }

    /**
     * @param savepoint the target of a savepoint, or null for a checkpoint
     * @param location the savepoint's directory in its target; null for a checkpoint
     * @param result completed with the savepoint's pointer; null for a checkpoint
     * @param finalCheckpoint every task is FINISHING: its completion lets them finish
     */
    private void startCheckpoint(CheckpointOptions.Type type, SavepointTarget savepoint, CheckpointLocation location,
            CompletableFuture<String> result, boolean finalCheckpoint) {
        long id = nextId++;
        long timestamp = System.currentTimeMillis();
        CheckpointStorage locationStorage = savepoint != null ? savepoint.storage() : storage;
        stats.reportTriggered(id, savepoint != null ? CheckpointStats.Kind.SAVEPOINT : CheckpointStats.Kind.CHECKPOINT,
                timestamp, tasks.size());
        if (savepoint == null) {
            try {
                location = storage.initializeCheckpoint(jobId, id);
            } catch (IOException e) {
                failed(id, "its directory cannot be created: " + e);
                return;
            }
        }
        CheckpointOptions options = new CheckpointOptions(type,
                savepoint != null ? savepoint.directory() : config.getCheckpointDirectory(), location.pointer(),
                finalCheckpoint, type == CheckpointOptions.Type.CHECKPOINT && config.isUnalignedCheckpointsEnabled()
                        && config.getCheckpointingMode() == CheckpointingMode.EXACTLY_ONCE);
        Pending p = new Pending(id, timestamp, options, location, locationStorage, new HashSet<>(tasks.keySet()), result);
        pending.put(id, p);
        stopping |= type == CheckpointOptions.Type.STOP_SAVEPOINT;
        p.timeout = mainThread.schedule(() -> timeOut(id), config.getCheckpointTimeout(), TimeUnit.MILLISECONDS);
        if (savepoint != null) {
            LOG.info("Triggering {} {} of job {} into {}", type == CheckpointOptions.Type.STOP_SAVEPOINT
                    ? "stop savepoint" : "savepoint", id, jobId, location.pointer());
        }
        // the other tasks get its barriers
        for (TaskAttempt t : tasks.values()) {
            if (t.source() || finishing.contains(t.attempt())) {
                t.gateway().triggerCheckpoint(t.attempt(), id, timestamp, options);
            }
        }
    }

    /**
     * Takes a savepoint: a new {@code savepoint-...} directory in the target, into which the tasks
     * write their state files directly (with handles relative to it, so it can be moved), and whose
     * metadata is written last. Savepoints are not counted as checkpoints, their failures are not
     * tolerated failures, and retention never deletes them. The future completes with the
     * savepoint's pointer.
     *
     * @param stop a stop savepoint: the sources emit nothing after it, the tasks finish once it
     *     completed without ending their input (those whose input ended already just finish), and go
     *     on if it fails
     */
    public CompletableFuture<String> triggerSavepoint(SavepointTarget target, boolean stop) {
        CompletableFuture<String> result = new CompletableFuture<>();
        CheckpointLocation location;
        try {
            location = newSavepointLocation(target);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        startCheckpoint(stop ? CheckpointOptions.Type.STOP_SAVEPOINT : CheckpointOptions.Type.SAVEPOINT, target,
                location, result, false);
        return result;
    }

    /**
     * Stops the job with a drain: the sources end their input now, the tasks after them end theirs in
     * turn and wait, and the final checkpoint, once all wait, is a savepoint into {@code target}.
     * Completes with its pointer, or fails; the input is drained by then, so the job cannot go on.
     *
     * @throws IllegalStateException if no savepoint can be taken now (nothing is drained then: the
     *     job goes on as before)
     * @throws IOException if the savepoint's directory cannot be created (nothing is drained either)
     */
    public CompletableFuture<String> drain(SavepointTarget target) throws IOException {
        CheckpointLocation location = newSavepointLocation(target);
        CompletableFuture<String> result = new CompletableFuture<>();
        stopping = true;
        drain = new Drain(target, location, result);
        LOG.info("Draining job {} for a final savepoint into {}", jobId, location.pointer());
        for (TaskAttempt t : tasks.values()) {
            if (t.source()) {
                t.gateway().drainTask(t.attempt());
            }
        }
        if (allFinishing()) {
            triggerFinal(); // no task reports FINISHING any more
        }
        return result;
    }

    /** A new savepoint directory in {@code target}; throws IllegalStateException if none can be taken now. */
    private CheckpointLocation newSavepointLocation(SavepointTarget target) throws IOException {
        if (stopping) {
            throw new IllegalStateException("Cannot take a savepoint of job " + jobId + ": it is being stopped");
        }
        if (tasks.isEmpty() || !allStarted.getAsBoolean()) {
            throw new IllegalStateException("Cannot take a savepoint of job " + jobId
                    + ": not all of its tasks are running or waiting at the end of their input (some are being"
                    + " deployed, or finished: without checkpointing a task finishes at the end of its input);"
                    + " try again once the job runs, or enable checkpointing");
        }
        return target.storage().initializeSavepoint(target.directory(), jobId);
    }

    private void failDrain(String why) {
        if (drain != null) {
            Drain abandoned = drain;
            io.execute(() -> discardQuietly(abandoned.target().storage(), abandoned.location()));
            drain.result().completeExceptionally(new IllegalStateException("The final savepoint of job " + jobId
                    + " was not taken: " + why));
            drain = null;
        }
    }

    private void timeOut(long id) {
        Pending p = pending.get(id);
        if (p != null) {
            String why = "it did not complete within " + config.getCheckpointTimeout() + " ms (" + p.waitingFor.size()
                    + " of " + tasks.size() + " tasks did not acknowledge)";
            discard(p, why);
            if (!p.isSavepoint()) {
                failed(id, why);
            }
        }
    }

    public void acknowledge(ExecutionAttemptId attempt, long checkpointId, SubtaskState state,
            CheckpointDurations durations) {
        Pending p = pending.get(checkpointId);
        if (p == null || !p.waitingFor.remove(attempt)) {
            return; // late, for an abandoned checkpoint or an old attempt
        }
        p.acknowledged.put(attempt, state);
        stats.reportAcknowledged(checkpointId, tasks.get(attempt), state, durations);
        LOG.debug("Checkpoint {} of job {}: {} acknowledged ({})", checkpointId, jobId, attempt, durations);
        if (!p.waitingFor.isEmpty()) {
            return;
        }
        pending.remove(checkpointId);
        p.timeout.cancel(false);
        complete(p);
    }

    public void decline(ExecutionAttemptId attempt, long checkpointId, String reason) {
        Pending p = pending.get(checkpointId);
        if (p != null && p.waitingFor.contains(attempt)) {
            discard(p, "declined: " + reason);
            if (p.isSavepoint()) {
                return;
            }
            failed(checkpointId, "a task declined it: " + reason);
        }
    }

    /**
     * A task finished: checkpoints it has not acknowledged can no longer complete. They are
     * abandoned without counting as failures, since the job is ending.
     */
    public void taskFinished(ExecutionAttemptId attempt) {
        for (Pending p : new ArrayList<>(pending.values())) {
            if (p.waitingFor.contains(attempt)) {
                discard(p, "a task finished before it took its part");
            }
        }
        failDrain("a task finished without waiting for it");
    }

    /**
     * A task's input ended and it waits for the final checkpoint. From now on it is triggered
     * directly, and so at once for the checkpoints in progress that it has not acknowledged: it saw
     * no barrier of them, so their state of every task before it is that task's final state too
     * (the task ignores the trigger of one it took already). Once every task waits, the final
     * checkpoint is triggered.
     */
    public void taskFinishing(ExecutionAttemptId attempt) {
        TaskAttempt task = tasks.get(attempt);
        if (task == null || !finishing.add(attempt)) {
            return;
        }
        for (Pending p : pending.values()) {
            if (p.waitingFor.contains(attempt)) {
                task.gateway().triggerCheckpoint(attempt, p.id, p.timestamp, p.options);
            }
        }
        if (allFinishing()) {
            triggerFinal();
        }
    }

    /** Every task waits FINISHING: triggers the drain's final savepoint, else the final checkpoint. */
    private void triggerFinal() {
        if (drain != null) {
            LOG.info("Every task of job {} is drained: triggering the final savepoint", jobId);
            startCheckpoint(CheckpointOptions.Type.SAVEPOINT, drain.target(), drain.location(), drain.result(), true);
            drain = null;
        } else if (config.isCheckpointingEnabled()) {
            LOG.info("Every task of job {} reached the end of its input: triggering the final checkpoint", jobId);
            startCheckpoint(CheckpointOptions.Type.CHECKPOINT, null, null, null, true);
        }
    }


    /**
     * Completes a checkpoint every task acknowledged: writes its metadata on the io executor, then (back
     * on the main thread) tells the tasks, and for a checkpoint lets retention delete older ones on the
     * io executor. Counts as in progress until all of it is done (see {@link #stop}).
     */
    private void complete(Pending p) {
        Map<String, List<SubtaskState>> vertices = new LinkedHashMap<>();
        Map<ExecutionAttemptId, TaskAttempt> attempts = tasks; // the acknowledging ones: acks of others are dropped
        for (Map.Entry<ExecutionAttemptId, SubtaskState> e : p.acknowledged.entrySet()) {
            TaskAttempt t = attempts.get(e.getKey());
            List<SubtaskState> subtasks = vertices.computeIfAbsent(t.vertexId(), v -> {
                List<SubtaskState> list = new ArrayList<>();
                for (int i = 0; i < t.parallelism(); i++) {
                    list.add(null);
                }
                return list;
            });
            subtasks.set(t.subtask(), e.getValue());
        }
        if (completionsInProgress++ == 0) {
            completionsDone = new CompletableFuture<>();
        }
        CompletedCheckpoint checkpoint = new CompletedCheckpoint(p.id, p.timestamp, vertices);
        CompletableFuture.runAsync(() -> {
            try {
                p.location.commitMetadata(checkpoint.toBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io).whenCompleteAsync((ok, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                discard(p, "its metadata cannot be written: " + cause);
                if (!p.isSavepoint()) {
                    failed(p.id, "its metadata cannot be written: " + cause);
                }
                completionDone();
            } else {
                completed(p, attempts);
            }
        }, mainThread);
    }

    private void completed(Pending p, Map<ExecutionAttemptId, TaskAttempt> attempts) {
        stats.reportCompleted(p.id, p.location.pointer());
        if (p.isSavepoint()) {
            LOG.info("Completed savepoint {} of job {} at {}", p.id, jobId, p.location.pointer());
        } else {
            consecutiveFailures = 0;
            completedCount++;
            lastCompletionNanos = System.nanoTime();
            LOG.info("Completed checkpoint {} of job {} at {}", p.id, jobId, p.location.pointer());
        }
        for (ExecutionAttemptId attempt : p.acknowledged.keySet()) {
            attempts.get(attempt).gateway().notifyCheckpointComplete(attempt, p.id);
        }
        if (p.isSavepoint()) {
            p.savepointResult.complete(p.location.pointer());
            completionDone();
            return;
        }
        CompletableFuture.runAsync(() -> {
            try {
                retention.onCheckpointCompleted(jobId);
            } catch (IOException e) {
                LOG.warn("Cannot list the checkpoints of job {} to delete old ones", jobId, e);
            }
        }, io).whenCompleteAsync((ok, failure) -> completionDone(), mainThread);
    }

    private void completionDone() {
        if (--completionsInProgress == 0) {
            completionsDone.complete(null);
        }
    }

    private void discard(Pending p, String why) {
        pending.remove(p.id);
        if (p.timeout != null) {
            p.timeout.cancel(false);
        }
        LOG.info("{} {} of job {} abandoned: {}", p.isSavepoint() ? "Savepoint" : "Checkpoint", p.id, jobId, why);
        stats.reportFailed(p.id, why);
        io.execute(() -> discardQuietly(p.storage, p.location));
        if (p.options.type() == CheckpointOptions.Type.STOP_SAVEPOINT) {
            stopping = false; // the tasks that stopped for it go on
            for (TaskAttempt t : tasks.values()) {
                t.gateway().notifyCheckpointAborted(t.attempt(), p.id);
            }
        }
        if (p.isSavepoint()) {
            p.savepointResult.completeExceptionally(new IllegalStateException("Savepoint " + p.id + " of job " + jobId
                    + " was abandoned: " + why));
        }
    }

    private void discardQuietly(CheckpointStorage in, CheckpointLocation location) {
        try {
            in.discard(location.pointer());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot delete the abandoned checkpoint or savepoint {}; delete it by hand", location.pointer(), e);
        }
    }

    private void failed(long checkpointId, String why) {
        stats.reportFailed(checkpointId, why); // a no-op when its discard reported it already
        consecutiveFailures++;
        LOG.warn("Checkpoint {} of job {} failed ({} in a row, {} tolerated): {}", checkpointId, jobId,
                consecutiveFailures, config.getTolerableCheckpointFailureNumber(), why);
        if (consecutiveFailures > config.getTolerableCheckpointFailureNumber()) {
            // as a message: the JobMaster fails the job after this coordinator's current step
            mainThread.execute(() -> failJob.accept(new IllegalStateException("Exceeded the tolerable checkpoint failures ("
                    + config.getTolerableCheckpointFailureNumber() + "): " + consecutiveFailures
                    + " consecutive checkpoints failed, the last one (" + checkpointId + ") because " + why)));
        }
    }

    /** A completed checkpoint that can be read, and where it is. */
    public record Restorable(CompletedCheckpoint checkpoint, String pointer) {}

    /**
     * The newest completed checkpoint whose metadata and state files can be read; a broken one is
     * logged with its path and the previous one tried. Null when there is none. Reads on the io
     * executor; the future completes there. The job master reports what it restores to
     * {@link #stats()} itself, once it has published the restored id.
     */
    public CompletableFuture<Restorable> latestRestorable() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return readLatestRestorable();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io);
    }

    private Restorable readLatestRestorable() throws IOException {
        if (storage == null) {
            return null;
        }
        for (String pointer : storage.listCompleted(jobId)) {
            try {
                CompletedCheckpoint checkpoint = CompletedCheckpoint.fromBytes(storage.readMetadata(pointer));
                checkpoint.verifyStateFiles(storage);
                return new Restorable(checkpoint, pointer);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot restore from checkpoint {} ({}); falling back to the previous completed checkpoint",
                        pointer, e.toString());
            }
        }
        return null;
    }
}
