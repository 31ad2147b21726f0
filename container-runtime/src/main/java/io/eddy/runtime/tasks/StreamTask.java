package io.eddy.runtime.tasks;

import io.eddy.api.connector.source.InputStatus;
import io.eddy.api.connector.source.SourceOutput;
import io.eddy.api.connector.source.SourceReader;
import io.eddy.api.connector.source.SourceReaderContext;
import io.eddy.api.execution.CheckpointConfig;
import io.eddy.api.execution.CheckpointingMode;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.memory.DataInputView;
import io.eddy.api.metrics.Gauge;
import io.eddy.api.metrics.MetricGroup;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.operators.TwoInputOperator;
import io.eddy.api.partitioning.StreamPartitioner;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.checkpoint.CheckpointDurations;
import io.eddy.runtime.checkpoint.CheckpointLocation;
import io.eddy.runtime.checkpoint.CheckpointOptions;
import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.runtime.checkpoint.CheckpointStorages;
import io.eddy.runtime.checkpoint.OperatorRestore;
import io.eddy.runtime.checkpoint.OperatorSnapshot;
import io.eddy.runtime.checkpoint.SubtaskState;
import io.eddy.runtime.checkpoint.TaskRestore;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor.ChannelDescriptor;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor.InputDescriptor;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor.OutputDescriptor;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.exchange.BufferDebloater;
import io.eddy.runtime.exchange.BufferPool;
import io.eddy.runtime.exchange.ElementHandler;
import io.eddy.runtime.exchange.InputChannel;
import io.eddy.runtime.exchange.BlockingResultPartition;
import io.eddy.runtime.exchange.InputGate;
import io.eddy.runtime.exchange.NetworkBuffer;
import io.eddy.runtime.exchange.PipelinedResultPartition;
import io.eddy.runtime.exchange.RecordWriter;
import io.eddy.runtime.exchange.ResultPartition;
import io.eddy.runtime.exchange.ResultSubpartition;
import io.eddy.runtime.exchange.StreamInputReader;
import io.eddy.runtime.jobgraph.ChainConfig;
import io.eddy.runtime.jobgraph.SerializedObjects;
import io.eddy.runtime.keygroups.KeyGroupRange;
import io.eddy.runtime.metrics.Counter;
import io.eddy.runtime.metrics.MetricNames;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.operators.SequentialInputsOperator;
import io.eddy.runtime.operators.SerializedInputOperator;
import io.eddy.runtime.state.CheckpointableKeyedStateBackend;
import io.eddy.runtime.state.KeyedStateBackend;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs one subtask: builds the operator chain and its exchanges, then runs a
 * {@link MailboxProcessor} in this one thread whose default action reads the next input element
 * (from the source reader or the input gate) and whose mail carries everything else, until the
 * task finishes or is cancelled. The default action suspends itself while the input has no data,
 * the source nothing to read, or an output no free buffer, and resumes when the gate's, the
 * reader's or the buffer pool's future completes; mail keeps running meanwhile. Where the task is
 * in its life is one {@link TaskLifecycle} state, changed by the task thread only.
 *
 * <p>Inside an element: when one input element emits more than an output's pool holds, the first
 * buffer of its next record waits ({@link #awaitBuffer}) without blocking the mailbox: flushes,
 * cancellation, resumptions and timers falling due run at once ({@link Mailbox.WithinElement});
 * any other mail (a checkpoint trigger, a notification) needs the element to end, so the rest of
 * the element's output goes into overdraft buffers and the mail runs right after it. A checkpoint
 * of a back-pressured task therefore waits for the element's own work, never for its consumers.
 *
 * <p>Processing-time timers are fired by the default action like elements
 * ({@link MailboxProcessingTimeService}): the due ones before the next element, only while RUNNING
 * and while every output has a free buffer, so their output never overdraws a pool either.
 *
 * <p>Checkpoints: a source task takes one when the coordinator's trigger mail runs; other tasks
 * when the barrier arrived on all inputs. The synchronous part (source splits, operator state
 * views) runs in the task thread between two elements, then the barrier goes downstream; a
 * checkpoint writer thread writes the state files and acknowledges.
 *
 * <p>End of input: the operators end their input and the outputs finish. Without checkpointing the
 * task is then done. With checkpointing it reports FINISHING and only serves its mailbox: the
 * coordinator triggers it directly for every checkpoint from now on, and it snapshots its final
 * state without a barrier (its consumers read its end-of-partition instead), while the rest of the
 * job may run on for long. It finishes when the <em>final</em> checkpoint completed, the one the
 * coordinator takes once every task is FINISHING ({@link CheckpointOptions#finalCheckpoint()}), so
 * the state of every checkpoint before holds this task's. What it publishes on a completion (e.g. a
 * two-phase-commit sink's last transaction, pre-committed at the first checkpoint after the end) is
 * covered by a checkpoint that holds its final state, so a failure after it cannot repeat it: the
 * restore of such a checkpoint skips the end of input of a vertex that had finished (see
 * {@link TaskRestore#finished()}). A drain (stop with drain) ends a source's input early; its
 * end-of-partition tells the tasks downstream, which then also wait, for the final savepoint, even
 * without checkpointing.
 *
 * <p>Stop savepoint: after taking its part (a source: no record after the barrier), a task only
 * serves its mailbox, with its processing-time timers held back. When the savepoint completes it
 * finishes without ending its input (a FINISHING task just finishes); when it is aborted it goes on
 * as before.
 *
 * <p>Threading: everything here runs in the task thread except {@link #cancel()},
 * {@link #triggerCheckpoint}, {@link #notifyCheckpointComplete}, {@link #notifyCheckpointAborted},
 * {@link #drain}, {@link #lifecycle()} and {@link #metrics()}, which other threads call; they only
 * touch volatile fields, the mailbox and counters, and leave every change of state to a mail.
 */
public final class StreamTask {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTask.class);

    private final TaskEnvironment environment;
    private final TaskDeploymentDescriptor deployment;
    private final Runnable onFinishing;
    private final Mailbox mailbox = new Mailbox();
    /** Task thread only: the channels being opened while OPENING, in the order of the gate's channels. */
    private final List<CompletableFuture<InputChannel>> openingChannels = new ArrayList<>();
    /** The input channels once all are open, for the metrics thread; empty before. */
    private volatile InputChannel[] openedChannels = new InputChannel[0];
    /** Written by the task thread only; volatile for {@link #lifecycle()}. */
    private volatile TaskLifecycle lifecycle = TaskLifecycle.CREATED;
    private volatile boolean cancelled;
    private volatile Thread thread;
    private volatile OperatorChain chain;
    private volatile long startNanos;
    private RecordWriter<?>[] writers = new RecordWriter<?>[0];
    /** The buffer pools of the outputs, for the usage metric; set before the metrics are registered. */
    private BufferPool[] outputPools = new BufferPool[0];
    private volatile StreamInputReader inputReader;
    private MailboxProcessingTimeService processingTime;
    /** Set once in the task thread; read by metric threads. */
    private volatile MailboxProcessor processor;
    /**
     * Task thread only: the default action must return to the loop before its next element, because
     * an output's pool ran out of free buffers or the task left RUNNING. A plain field: only the task
     * thread sets it, from inside the element it is processing.
     */
    private boolean leaveBatch;
    /** Wakes {@link #awaitBuffer} when a buffer came back; may run inside an element. */
    private final Mailbox.Mail bufferReturned = new Mailbox.WithinElement(() -> {});
    /** Task thread only: the chain's configuration, deserialized at the start. */
    private ChainConfig chainConfig;
    /** Task thread only: an unaligned checkpoint waiting for the input state the reader records, or null. */
    private AwaitingChannelState awaitingChannelState;
    /** Task thread only: the in-flight data restored from an unaligned checkpoint, until the gate takes its inputs. */
    private ChannelState restoredChannelState;
    /** Task thread only: the input gate, once the channels are open. */
    private InputGate gate;
    /** Task thread only: when opening the input channels gives up ({@link System#currentTimeMillis()}). */
    private long openDeadline;
    /** Samples the input's throughput and resizes its producers' buffers (debloating), or null; task thread only. */
    private ScheduledFuture<?> debloating;
    /** Task thread only: completes at {@link #openDeadline}, so a suspended OPENING task wakes to fail. */
    private CompletableFuture<Void> openTimeout;
    private SourceReader<?, ?> sourceReader;
    /** Task thread only: what the source reader emits into, once it started. */
    private SourceOutput<?> sourceOutput;
    /**
     * The event time of the record the source emitted last, for the lag metric: written per record
     * by the task thread without a barrier (a plain store costs nothing), read by the metrics thread.
     */
    private long lastEmittedTimestamp = Output.NO_TIMESTAMP;
    private String[] operatorIds;
    /** Task thread only: the chain starts with a source (with no reader when restored finished). */
    private boolean sourceTask;
    /** Where the state restored from lies; task thread only. */
    private CheckpointStorage restoreStorage;
    /** Task thread only: the input ended and the outputs are finished; no barrier goes out any more. */
    private boolean inputEnded;
    /** Task thread only: the final checkpoint (every task was FINISHING) this task took, or -1. */
    private long finalCheckpointId = -1;
    /** Task thread only: the newest checkpoint taken; a trigger of it or an older one comes too late. */
    private long lastCheckpointId = -1;
    /** Task thread only: a source ends its input now (stop with drain). */
    private boolean draining;
    /** Task thread only: the stop savepoint this task took its part of and waits for, or -1. */
    private long stopSavepointId = -1;
    /** Task thread only: the newest checkpoint known to be aborted; a late stop barrier of it stops nothing. */
    private long abortedCheckpointId = -1;


    /** @param onFinishing called in the task thread when it starts to wait for its final checkpoint */
    public StreamTask(TaskEnvironment environment, Runnable onFinishing) {
        this.environment = environment;
        this.deployment = environment.deployment();
        this.onFinishing = onFinishing;
    }

    /** Runs the subtask to its end; throws the failure that stopped it. */
    public void invoke() throws Exception {
        thread = Thread.currentThread();
        mailbox.setOwner(thread);
        startNanos = System.nanoTime();
        ChainConfig config = SerializedObjects.deserialize(deployment.chainConfig(), environment.userClassLoader());
        chainConfig = config;
        List<ResultPartition> partitions = createPartitions(config);
        boolean finishedOnRestore = deployment.restore() != null && deployment.restore().finished();
        sourceTask = config.source() != null;
        Throwable failure = null;
        ScheduledFuture<?> flusher = null;
        operatorIds = operatorIds(config);
        processingTime = new MailboxProcessingTimeService(environment.timers(), mailbox, this::timerDue);
        processor = new MailboxProcessor(mailbox, this::runDefaultAction);
        try {
            chain = new OperatorChain(config, writers, deployment.executionConfig().isObjectReuseEnabled(),
                    i -> context(config.nodes().get(i), operatorIds[i]));
            TaskMetrics.register(environment.metrics(), chain, this);
            chain.open();
            flusher = scheduleFlusher();
            restoredChannelState = restoreChannelState();
            moveTo(TaskLifecycle.OPENING);
            if (finishedOnRestore) {
                endInput(true); // its vertex and all before it had finished: no input is left to read
            } else if (sourceTask) {
                startSource(config);
                moveTo(TaskLifecycle.RUNNING);
            } else {
                startOpeningInputs();
            }
            processor.runMailboxLoop();
        } catch (Throwable t) {
            failure = OperatorFailure.unwrap(t);
            lifecycle = cancelled || failure instanceof CancelTaskException ? TaskLifecycle.CANCELED
                    : TaskLifecycle.FAILED;
        } finally {
            if (flusher != null) {
                flusher.cancel(false);
            }
            if (openTimeout != null) {
                openTimeout.cancel(false);
            }
            if (debloating != null) {
                debloating.cancel(false);
            }
            if (awaitingChannelState != null) {
                awaitingChannelState.snapshots().forEach(PendingOperatorSnapshot::release);
            }
            processingTime.shutDown();
            if (chain != null) {
                failure = chain.close(failure);
            }
            failure = closeQuietly(sourceReader, failure);
            StreamInputReader reader = inputReader;
            if (reader != null) {
                reader.close();
            }
            for (CompletableFuture<InputChannel> opening : openingChannels) {
                // one that opens after a failure holds nothing: remote channels open at once, local ones own nothing
                InputChannel channel = opening.getNow(null);
                if (channel != null) {
                    channel.close();
                }
            }
        }
        if (failure != null) {
            for (RecordWriter<?> writer : writers) {
                writer.discard();
            }
            for (ResultPartition partition : partitions) {
                partition.release();
            }
            if (failure instanceof Exception e) {
                throw e;
            }
            throw (Error) failure;
        }
        publishBlockingPartitions(partitions);
    }

    /** The task finished: its blocking partitions are complete and may be read from now on. */
    private void publishBlockingPartitions(List<ResultPartition> partitions) throws IOException {
        try {
            for (ResultPartition p : partitions) {
                if (p instanceof BlockingResultPartition blocking) {
                    blocking.finishWriting();
                }
            }
        } catch (IOException | RuntimeException e) {
            partitions.forEach(ResultPartition::release);
            throw e;
        }
        for (ResultPartition p : partitions) {
            if (p instanceof BlockingResultPartition) {
                environment.exchange().registerPartition(p);
            }
        }
    }

    /** Stops the task: the next mailbox check unwinds it; blocking waits notice the flag. */
    public void cancel() {
        cancelled = true;
        mailbox.put(new Mailbox.WithinElement(() -> {
            throw new CancelTaskException();
        }));
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Takes checkpoint {@code checkpointId} between two records of the source; for source tasks,
     * and for any task whose input ended (its final state, without a barrier).
     */
    public void triggerCheckpoint(long checkpointId, long timestamp, CheckpointOptions options) {
        mailbox.put(() -> performCheckpoint(checkpointId, timestamp, options, 0));
    }

    /**
     * Checkpoint {@code checkpointId} completed: the operators learn it; a FINISHING task whose final
     * checkpoint or stop savepoint it is finishes, and so does a task STOPPING for it.
     */
    public void notifyCheckpointComplete(long checkpointId) {
        mailbox.put(() -> {
            chain.notifyCheckpointComplete(checkpointId);
            boolean stopDone = checkpointId == stopSavepointId;
            boolean finalDone = finalCheckpointId >= 0 && checkpointId >= finalCheckpointId;
            if (lifecycle == TaskLifecycle.STOPPING && stopDone
                    || lifecycle == TaskLifecycle.FINISHING && (stopDone || finalDone)) {
                finish();
            }
        });
    }

    /** Checkpoint {@code checkpointId} will not complete: if the task stopped for it, it goes on. */
    public void notifyCheckpointAborted(long checkpointId) {
        mailbox.put(() -> {
            abortedCheckpointId = Math.max(abortedCheckpointId, checkpointId);
            if (checkpointId != stopSavepointId) {
                return;
            }
            stopSavepointId = -1;
            if (lifecycle == TaskLifecycle.STOPPING) {
                moveTo(TaskLifecycle.RUNNING);
                processor.resume();
                if (draining) {
                    endSource(); // the drain came while the task was stopping
                }
            }
        });
    }

    /** A source task ends its input now, as if it were exhausted (stop with drain). */
    public void drain() {
        mailbox.put(() -> {
            draining = true;
            if (sourceTask && lifecycle == TaskLifecycle.RUNNING) {
                endSource();
            }
        });
    }

    /** Where the task is in its life; callable from any thread. */
    public TaskLifecycle lifecycle() {
        return lifecycle;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public Mailbox getMailbox() {
        return mailbox;
    }

    /** Current figures; callable from any thread. */
    public TaskMetricsSnapshot metrics() {
        OperatorChain c = chain;
        if (c == null) {
            return TaskMetricsSnapshot.empty(0);
        }
        return new TaskMetricsSnapshot(c.recordsIn(), c.recordsOut(), bytesIn(), bytesOut(), backPressuredNanos(),
                System.nanoTime() - startNanos);
    }

    long bytesIn() {
        StreamInputReader reader = inputReader;
        return reader == null ? 0 : reader.getBytesIn();
    }

    long bytesOut() {
        long bytes = 0;
        for (RecordWriter<?> w : writers) {
            bytes += w.getBytesOut();
        }
        return bytes;
    }

    long backPressuredNanos() {
        long nanos = 0;
        for (RecordWriter<?> w : writers) {
            nanos += w.getBackPressuredNanos();
        }
        return nanos;
    }

    /** The share of the output buffer pools' buffers in use (0 to 1; 0 without outputs). */
    double outputPoolUsage() {
        long used = 0;
        long capacity = 0;
        for (BufferPool pool : outputPools) {
            used += pool.inUse();
            capacity += pool.getCapacity();
        }
        return capacity == 0 ? 0 : (double) used / capacity;
    }

    /** Buffers the outputs took beyond their pools so far (see {@link BufferPool#requestOverdraft()}). */
    long outputPoolOverdrafts() {
        long overdrafts = 0;
        for (BufferPool pool : outputPools) {
            overdrafts += pool.overdrafts();
        }
        return overdrafts;
    }

    /**
     * The share of the remote input channels' buffers holding data the task has not read yet (0 to 1;
     * 0 without remote inputs: a local channel reads the producer's buffers and owns none).
     */
    double inputPoolUsage() {
        long used = 0;
        long capacity = 0;
        for (InputChannel channel : openedChannels) {
            used += channel.ownBuffersInUse();
            capacity += channel.ownBufferCapacity();
        }
        return capacity == 0 ? 0 : (double) used / capacity;
    }

    /** Buffers queued in the input channels, local and remote, waiting for the task to read them. */
    int inputQueueLength() {
        int queued = 0;
        for (InputChannel channel : openedChannels) {
            queued += channel.subpartition().queuedBuffers();
        }
        return queued;
    }

    /**
     * Time spent waiting for input: the task thread's parked time less the part of it that was
     * back-pressure (waiting for an output buffer), which {@link #backPressuredNanos()} counts.
     */
    long idleNanos() {
        MailboxProcessor p = processor;
        return p == null ? 0 : Math.max(0, p.suspendedNanos() - backPressuredNanos());
    }

    // ---------------------------------------------------------------- set-up

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<ResultPartition> createPartitions(ChainConfig config) {
        List<ResultPartition> partitions = new ArrayList<>();
        List<OutputDescriptor> outputs = deployment.outputs();
        writers = new RecordWriter<?>[outputs.size()];
        outputPools = new BufferPool[outputs.size()];
        boolean flushAlways = deployment.executionConfig().getBufferTimeout() == 0;
        try {
            for (int i = 0; i < outputs.size(); i++) {
                OutputDescriptor d = outputs.get(i);
                int buffers = d.numberOfSubpartitions() * environment.buffersPerChannel() + environment.floatingBuffers();
                outputPools[i] = environment.exchange().getNetworkBufferPool().createPool(
                        deployment.taskNameWithSubtask() + " output " + i, buffers);
                ResultPartition partition = d.blocking()
                        ? new BlockingResultPartition(d.partitionId(), deployment.jobId(), d.numberOfSubpartitions(),
                                outputPools[i], environment.exchange().getNetworkBufferPool(),
                                environment.managed().getIOManager(), deployment.taskNameWithSubtask())
                        : new PipelinedResultPartition(d.partitionId(), deployment.jobId(), d.numberOfSubpartitions(),
                                outputPools[i]);
                partitions.add(partition);
                ChainConfig.Output out = config.outputs().get(i);
                writers[i] = new RecordWriter(partition, out.serializer().duplicate(),
                        (StreamPartitioner) out.partitioner(), flushAlways && !d.blocking(), this::awaitBuffer,
                        () -> leaveBatch = true);
            }
        } catch (RuntimeException e) {
            partitions.forEach(ResultPartition::release);
            throw e;
        }
        for (ResultPartition p : partitions) {
            if (!(p instanceof BlockingResultPartition)) { // a blocking one is registered once written
                environment.exchange().registerPartition(p);
            }
        }
        return partitions;
    }

    /** The operator's uid, else its position in this vertex: how checkpoints name its state. */
    private String[] operatorIds(ChainConfig config) {
        String[] ids = new String[config.nodes().size()];
        for (int i = 0; i < ids.length; i++) {
            String uid = config.nodes().get(i).uid();
            ids[i] = uid != null ? uid : deployment.vertexId() + "#" + i;
        }
        return ids;
    }

    /** The operator's context, with the state of the checkpoint the task restores from, if any. */
    private OperatorContextImpl context(ChainConfig.Node node, String operatorId) {
        OperatorRestore restore = deployment.restore() == null ? null : deployment.restore().operators().get(operatorId);
        try {
            CheckpointableKeyedStateBackend<?> backend = null;
            if (node.keySerializer() != null) {
                KeyGroupRange range = KeyGroupRange.forSubtask(deployment.maxParallelism(), deployment.parallelism(),
                        deployment.subtaskIndex());
                backend = environment.stateBackend().createKeyedStateBackend(node.keySerializer().duplicate(),
                        deployment.maxParallelism(), range, System::currentTimeMillis,
                        deployment.executionConfig().getSerializerConfig());
                if (restore != null && !restore.keyedState().isEmpty()) {
                    backend.restore(restore.keyedState(), restoreStorage());
                }
            }
            OperatorContextImpl context = new OperatorContextImpl(deployment, node.name(),
                    environment.userClassLoader(), backend, processingTime,
                    environment.metrics().operator(operatorId, node.name()));
            context.setManagedResources(environment.managed());
            context.setSuperstepAlignment(environment.superstepAlignment());
            if (restore != null && !restore.operatorState().isEmpty()) {
                context.restoreOperatorState(restore.operatorState(), restoreStorage());
            }
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restore the state of " + node.name() + " from checkpoint "
                    + deployment.restore().checkpointId() + ": " + e.getMessage(), e);
        }
    }

    /** The storage of the restored checkpoint (the job's checkpoint directory) or savepoint (the one it starts from). */
    private CheckpointStorage restoreStorage() throws IOException {
        if (restoreStorage == null) {
            CheckpointConfig config = deployment.executionConfig().getCheckpointConfig();
            String directory = config.getCheckpointDirectory() != null ? config.getCheckpointDirectory()
                    : config.getSavepointRestorePath();
            restoreStorage = CheckpointStorages.forDirectory(directory, environment.userClassLoader());
        }
        return restoreStorage;
    }

    // ---------------------------------------------------------------- checkpoints

    /**
     * The synchronous part in the task thread (source position, operator state views), then the
     * barrier downstream; the files are written and acknowledged by a checkpoint writer thread.
     *
     * @param alignmentNanos how long the input reader aligned the barriers; 0 when triggered
     */
    private void performCheckpoint(long checkpointId, long timestamp, CheckpointOptions options, long alignmentNanos)
            throws Exception {
        if (checkpointId <= lastCheckpointId) {
            return; // triggered again once FINISHING, after its barriers made it take it: acknowledged already
        }
        lastCheckpointId = checkpointId;
        long start = System.nanoTime();
        byte[] splits = null;
        List<PendingOperatorSnapshot> snapshots;
        try {
            if (sourceTask) {
                // a source restored finished has no reader: it ended all its splits
                splits = SerializedObjects.serialize(sourceReader == null ? new ArrayList<Serializable>()
                        : new ArrayList<Serializable>(sourceReader.snapshotState(checkpointId)));
            }
            snapshots = chain.snapshot(checkpointId, operatorIds);
        } catch (Exception e) {
            environment.checkpointResponder().declineCheckpoint(deployment.attemptId(), checkpointId, e.toString());
            throw e;
        }
        boolean stops = options.type() == CheckpointOptions.Type.STOP_SAVEPOINT && checkpointId > abortedCheckpointId;
        if (stops) {
            stopSavepointId = checkpointId;
        }
        List<List<List<byte[]>>> outputState = null;
        if (!inputEnded && options.unaligned()) {
            outputState = new ArrayList<>();
            for (RecordWriter<?> writer : writers) {
                outputState.add(writer.broadcastUnalignedBarrier(checkpointId, timestamp, options));
            }
        } else if (!inputEnded) {
            for (RecordWriter<?> writer : writers) {
                writer.broadcastBarrier(checkpointId, timestamp, options);
            }
            if (stops) {
                // only mail runs until the savepoint completes or is aborted; due timers wait, as they must not emit after the barrier
                moveTo(TaskLifecycle.STOPPING);
                leaveBatch = true;
            }
        } else if (options.finalCheckpoint() && finalCheckpointId < 0) {
            finalCheckpointId = checkpointId;
        }
        long syncMillis = (System.nanoTime() - start) / 1_000_000;
        long alignmentMillis = alignmentNanos / 1_000_000;
        byte[] sourceSplits = splits;
        boolean ended = inputEnded;
        if (outputState == null) {
            environment.checkpointWriters().execute(() -> writeCheckpoint(checkpointId, options, snapshots,
                    sourceSplits, ended, alignmentMillis, syncMillis, null));
            return;
        }
        List<List<List<byte[]>>> outputs = outputState;
        AwaitingChannelState awaiting = new AwaitingChannelState(checkpointId, snapshots,
                inputs -> environment.checkpointWriters().execute(() -> writeCheckpoint(checkpointId, options,
                        snapshots, sourceSplits, ended, alignmentMillis, syncMillis, new ChannelState(inputs, outputs))));
        if (sourceTask) {
            awaiting.write().accept(List.of());
            return;
        }
        if (awaitingChannelState != null) { // abandoned: the input reader started recording for this newer one
            awaitingChannelState.snapshots().forEach(PendingOperatorSnapshot::release);
            environment.checkpointResponder().declineCheckpoint(deployment.attemptId(),
                    awaitingChannelState.checkpointId(), deployment.taskNameWithSubtask()
                            + " abandoned it for the newer checkpoint " + checkpointId);
        }
        awaitingChannelState = awaiting; // the input reader hands over what it records when the last barrier arrived
    }

    /** The input reader recorded the in-flight input of unaligned checkpoint {@code checkpointId}: write it all. */
    private void completeChannelState(long checkpointId, List<List<byte[]>> inputs) {
        AwaitingChannelState awaiting = awaitingChannelState;
        if (awaiting != null && awaiting.checkpointId() == checkpointId) {
            awaitingChannelState = null;
            awaiting.write().accept(inputs);
        }
    }

    /** An unaligned checkpoint's synchronous part, waiting for the input state the reader records. */
    private record AwaitingChannelState(long checkpointId, List<PendingOperatorSnapshot> snapshots,
            Consumer<List<List<byte[]>>> write) {}

    /** The operator id under which a subtask's channel state is stored; no operator has it. */
    private String channelStateId() {
        return deployment.vertexId() + "#channels";
    }

    /**
     * What the restored unaligned checkpoint stored of this subtask's channels, or null: the
     * outputs' part goes into the subpartitions now, before the task writes anything; the inputs'
     * part goes to the gate when it is built.
     */
    private ChannelState restoreChannelState() throws IOException {
        TaskRestore restore = deployment.restore();
        OperatorRestore stored = restore == null ? null : restore.operators().get(channelStateId());
        if (stored == null) {
            return null;
        }
        if (stored.operatorState().size() != deployment.parallelism()) {
            throw new IllegalStateException("Checkpoint " + restore.checkpointId() + " is unaligned: it holds the data "
                    + "in flight of " + stored.operatorState().size() + " subtasks of " + deployment.taskNameWithSubtask()
                    + ", which runs with parallelism " + deployment.parallelism() + " now. Restore it at its own "
                    + "parallelism, or change the parallelism from a savepoint (savepoints are always aligned).");
        }
        ChannelState state;
        try (InputStream in = restoreStorage().openState(stored.operatorState().get(deployment.subtaskIndex()))) {
            state = ChannelState.read(in);
        }
        if (state.outputs().size() != writers.length) {
            throw new IllegalStateException("The channel state of " + deployment.taskNameWithSubtask() + " in checkpoint "
                    + restore.checkpointId() + " has " + state.outputs().size() + " outputs, the task " + writers.length);
        }
        for (int w = 0; w < writers.length; w++) {
            List<List<byte[]>> subpartitions = state.outputs().get(w);
            for (int s = 0; s < subpartitions.size(); s++) {
                writers[w].restoreChannelState(s, subpartitions.get(s));
            }
        }
        return state;
    }

    /**
     * The asynchronous part: writes the state files straight into the checkpoint's or savepoint's
     * directory (the trigger or barrier named it) and acknowledges.
     */
    private void writeCheckpoint(long checkpointId, CheckpointOptions options, List<PendingOperatorSnapshot> snapshots,
            byte[] sourceSplits, boolean inputEnded, long alignmentMillis, long syncMillis, ChannelState channelState) {
        long start = System.nanoTime();
        try {
            CheckpointLocation location = CheckpointStorages.forDirectory(options.storageDirectory(),
                    environment.userClassLoader()).resolveLocation(options.location());
            List<OperatorSnapshot> written = new ArrayList<>();
            for (PendingOperatorSnapshot snapshot : snapshots) {
                written.add(snapshot.writeTo(location));
            }
            if (channelState != null) {
                written.add(new OperatorSnapshot(channelStateId(), null, channelState.writeTo(location, checkpointId)));
            }
            environment.checkpointResponder().acknowledgeCheckpoint(deployment.attemptId(), checkpointId,
                    new SubtaskState(written, sourceSplits, inputEnded),
                    new CheckpointDurations(alignmentMillis, syncMillis, (System.nanoTime() - start) / 1_000_000));
        } catch (Throwable t) {
            snapshots.forEach(PendingOperatorSnapshot::release);
            if (cancelled || lifecycle == TaskLifecycle.FAILED) {
                // the write broke because the task is going (cancelled, failed, its TaskManager shutting
                // down): its end fails the job over, and a decline would count as a failed checkpoint
                LOG.info("Checkpoint {} of {} abandoned: the task is ending ({})", checkpointId,
                        deployment.taskNameWithSubtask(), t.toString());
                return;
            }
            environment.checkpointResponder().declineCheckpoint(deployment.attemptId(), checkpointId,
                    "Writing the state of " + deployment.taskNameWithSubtask() + " failed: " + t);
        }
    }

    private ScheduledFuture<?> scheduleFlusher() {
        long timeout = deployment.executionConfig().getBufferTimeout();
        // nobody reads a blocking result before it is complete: its buffers go out full
        if (timeout == 0 || writers.length == 0 || deployment.outputs().stream().allMatch(OutputDescriptor::blocking)) {
            return null;
        }
        return schedulePeriodicMail(timeout, () -> {
            for (RecordWriter<?> writer : writers) {
                writer.flushAll();
            }
        });
    }

    /**
     * Puts {@code action} into the mailbox every {@code periodMs}, never more than one copy at a time
     * however slow the task; it may run inside an element, so it must touch no operator.
     */
    private ScheduledFuture<?> schedulePeriodicMail(long periodMs, Runnable action) {
        AtomicBoolean pending = new AtomicBoolean();
        Mailbox.Mail mail = new Mailbox.WithinElement(() -> {
            pending.set(false);
            action.run();
        });
        return environment.timers().scheduleAtFixedRate(() -> {
            if (pending.compareAndSet(false, true)) {
                mailbox.put(mail);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    private SourceReaderContext readerContext() {
        return new SourceReaderContext() {
            @Override
            public int getIndexOfSubtask() {
                return deployment.subtaskIndex();
            }

            @Override
            public int getParallelism() {
                return deployment.parallelism();
            }

            @Override
            public ClassLoader getUserCodeClassLoader() {
                return environment.userClassLoader();
            }

            @Override
            public MetricGroup metricGroup() {
                return environment.metrics();
            }
        };
    }

    // ---------------------------------------------------------------- life cycle

    private void moveTo(TaskLifecycle next) {
        if (!lifecycle.canMoveTo(next)) {
            throw new IllegalStateException(deployment.taskNameWithSubtask() + " cannot move from " + lifecycle
                    + " to " + next);
        }
        lifecycle = next;
    }

    /** Ends the mailbox loop: the task closes its operators and is done. */
    private void finish() {
        moveTo(TaskLifecycle.FINISHED);
        processor.allActionsCompleted();
    }

    /**
     * The input ended: the operators end theirs, the outputs finish; with checkpointing or when
     * drained, the task then waits (FINISHING, serving mail only) until the final checkpoint
     * completed, or a stop savepoint.
     *
     * @param finishedOnRestore the operators ended their input before the restored checkpoint, and
     *     what they emitted then is downstream already: they do not end it again
     */
    private void endInput(boolean finishedOnRestore) throws Exception {
        StreamInputReader reader = inputReader;
        boolean drained = draining || reader != null && reader.isDrained();
        boolean finalCheckpoint = drained
                || deployment.executionConfig().getCheckpointConfig().isCheckpointingEnabled();
        if (!finishedOnRestore) {
            chain.endInput(finalCheckpoint);
        }
        for (RecordWriter<?> writer : writers) {
            writer.finish(drained);
        }
        inputEnded = true;
        if (!finalCheckpoint) {
            finish();
            return;
        }
        processingTime.shutDown(); // the outputs are finished: no timer may emit any more
        onFinishing.run();
        moveTo(TaskLifecycle.FINISHING);
    }

    // ---------------------------------------------------------------- default action

    /**
     * One turn of the default action: connect the inputs (OPENING) or process elements (RUNNING)
     * until mail waits; in any other state only mail runs.
     */
    private void runDefaultAction() throws Exception {
        switch (lifecycle) {
            case OPENING -> openInputs();
            case RUNNING -> {
                if (leaveBatch) {
                    leaveBatch = false;
                    CompletableFuture<Void> full = unavailableOutput();
                    if (full != null) {
                        leaveBatch = true; // look again after the resume: another output may be full too
                        processor.suspendUntil(full);
                        return;
                    }
                }
                if (processingTime.hasDueTimers() && !fireDueTimers()) {
                    return;
                }
                if (sourceTask) {
                    pollSource();
                } else {
                    processInput();
                }
            }
            default -> processor.suspend();
        }
    }

    /**
     * Fires the due processing-time timers as elements are processed: one after the other until
     * none is left, mail waits or an output's pool ran dry.
     *
     * @return whether all were fired and every output still has a free buffer, so the input may be read
     */
    private boolean fireDueTimers() throws Exception {
        while (processingTime.hasDueTimers() && !leaveBatch && !mailbox.hasMail()) {
            processingTime.fireNextDueTimer();
        }
        return !leaveBatch && !processingTime.hasDueTimers();
    }

    /**
     * A timer fell due (in a mail, maybe inside an element): a running default action wakes to fire
     * it. If an output has no free buffer, the default action's first check suspends it again until
     * one comes back. Waking it in any case means a timer never waits on a suspension that is not
     * about to end: a firing that drains an output's pool leaves {@link #leaveBatch} set, and the
     * task may then suspend on its idle input with the flag still set (CI saw timers stop firing
     * for a minute when this skipped the wake-up while the flag was set).
     */
    private void timerDue() {
        if (lifecycle == TaskLifecycle.RUNNING) {
            processor.resume();
        }
    }

    /**
     * The first buffer of a record inside an element whose output's pool ran dry (see the class
     * comment): serves the mail that may run inside an element while it waits, and overdraws as soon
     * as other mail waits, so that the element ends and that mail runs.
     */
    private NetworkBuffer awaitBuffer(BufferPool pool) {
        while (true) {
            NetworkBuffer buffer = pool.tryRequest();
            if (buffer != null) {
                return buffer;
            }
            if (mailbox.runWithinElement()) {
                return pool.requestOverdraft();
            }
            CompletableFuture<Void> available = pool.getAvailableFuture();
            if (available != null) {
                available.whenComplete((v, failure) -> mailbox.put(bufferReturned));
                mailbox.awaitMail();
            }
        }
    }

    /** The future of an output without a free buffer, or null when every output has one. */
    private CompletableFuture<Void> unavailableOutput() {
        for (RecordWriter<?> writer : writers) {
            CompletableFuture<Void> available = writer.getAvailableFuture();
            if (available != null) {
                return available;
            }
        }
        return null;
    }

    /** Processes input elements until mail waits, the gate is empty, an output is full or the input ends. */
    private void processInput() throws Exception {
        StreamInputReader reader = inputReader;
        while (true) {
            StreamInputReader.Status status = reader.processNext();
            if (status == StreamInputReader.Status.MORE) {
                if (mailbox.hasMail() || leaveBatch) {
                    return;
                }
            } else if (status == StreamInputReader.Status.END) {
                endInput(false);
                return;
            } else {
                CompletableFuture<Void> available = gate.getAvailableFuture();
                if (available != null) {
                    processor.suspendUntil(available);
                    return;
                }
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void startSource(ChainConfig config) throws Exception {
        SourceReader reader = config.source().createReader(readerContext());
        sourceReader = reader;
        List<Serializable> splits = deployment.splits() == null ? List.of()
                : SerializedObjects.deserialize(deployment.splits(), environment.userClassLoader());
        reader.addSplits(splits);
        reader.start();
        Output output = chain.headOutput();
        environment.metrics().gauge(MetricNames.EMIT_EVENT_TIME_LAG, (Gauge<Long>) () -> {
            long emitted = lastEmittedTimestamp; // a record old at worst
            return emitted == Output.NO_TIMESTAMP ? 0 : System.currentTimeMillis() - emitted;
        });
        sourceOutput = new SourceOutput() {
            @Override
            public void collect(Object record) {
                output.collect(record, Output.NO_TIMESTAMP);
            }

            @Override
            public void collect(Object record, long timestamp) {
                lastEmittedTimestamp = timestamp;
                output.collect(record, timestamp);
            }
        };
    }

    /** Polls the source until mail waits, it has nothing now, an output is full or it ends. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void pollSource() throws Exception {
        SourceReader reader = sourceReader;
        SourceOutput output = sourceOutput;
        while (true) {
            InputStatus status = reader.pollNext(output);
            if (status == InputStatus.END_OF_INPUT) {
                endSource();
                return;
            }
            if (status == InputStatus.NOTHING_AVAILABLE) {
                CompletableFuture<Void> available = reader.isAvailable();
                if (!available.isDone()) {
                    processor.suspendUntil(available);
                    return;
                }
            }
            if (mailbox.hasMail() || leaveBatch) {
                return;
            }
        }
    }

    /** The source is exhausted or drained: the last watermark, then the end of input. */
    private void endSource() throws Exception {
        chain.headOutput().emitWatermark(Long.MAX_VALUE);
        endInput(false);
    }

    /** Starts connecting every input channel; {@link #openInputs} waits for them. */
    private void startOpeningInputs() {
        for (InputDescriptor input : deployment.inputs()) {
            for (ChannelDescriptor channel : input.channels()) {
                openingChannels.add(environment.exchange().openChannel(channel.partitionId(), channel.subpartition(),
                        channel.producerAddress() == null ? null : channel.producerAddress().toSocketAddress(),
                        deployment.taskNameWithSubtask()));
            }
        }
        long timeoutMs = environment.exchange().getRequestTimeout().toMillis();
        openDeadline = System.currentTimeMillis() + timeoutMs;
        CompletableFuture<Void> timeout = new CompletableFuture<>();
        environment.timers().schedule(() -> timeout.complete(null), timeoutMs, TimeUnit.MILLISECONDS);
        openTimeout = timeout;
    }

    /**
     * Suspends until every channel opened (a local producer may register its partition late), then
     * builds the gate and the reader and moves to RUNNING; fails when a producer does not start in time.
     */
    private void openInputs() throws Exception {
        for (int i = 0; i < openingChannels.size(); i++) {
            CompletableFuture<InputChannel> opening = openingChannels.get(i);
            if (!opening.isDone()) {
                if (System.currentTimeMillis() > openDeadline) {
                    throw new TimeoutException("The producer of input partition " + channelDescriptor(i).partitionId()
                            + " did not start within " + environment.exchange().getRequestTimeout().toMillis() / 1000 + " s");
                }
                processor.suspendUntil(CompletableFuture.anyOf(opening, openTimeout));
                return;
            }
        }
        openTimeout.cancel(false);
        ChainConfig config = chainConfig;
        List<ResultSubpartition> channels = new ArrayList<>();
        List<TypeSerializer<?>> serializers = new ArrayList<>();
        List<Integer> inputs = new ArrayList<>();
        int next = 0;
        for (int edge = 0; edge < deployment.inputs().size(); edge++) {
            ChainConfig.Input inputConfig = config.inputs().get(edge);
            for (int c = 0; c < deployment.inputs().get(edge).channels().size(); c++) {
                channels.add(openingChannels.get(next++).join().subpartition());
                serializers.add(inputConfig.serializer().duplicate());
                inputs.add(inputConfig.logicalInput());
            }
        }
        gate = new InputGate(channels.toArray(new ResultSubpartition[0]));
        openedChannels = openingChannels.stream().map(CompletableFuture::join).toArray(InputChannel[]::new);
        if (restoredChannelState != null) {
            List<List<byte[]>> restoredInputs = restoredChannelState.inputs();
            if (restoredInputs.size() != channels.size()) {
                throw new IllegalStateException("The channel state of " + deployment.taskNameWithSubtask()
                        + " in checkpoint " + deployment.restore().checkpointId() + " has " + restoredInputs.size()
                        + " input channels, the task " + channels.size());
            }
            for (int i = 0; i < restoredInputs.size(); i++) {
                gate.restoreChannelState(i, restoredInputs.get(i));
            }
            restoredChannelState = null;
        }
        int[] logicalInputs = inputs.stream().mapToInt(Integer::intValue).toArray();
        boolean align = deployment.executionConfig().getCheckpointConfig().getCheckpointingMode()
                == CheckpointingMode.EXACTLY_ONCE;
        inputReader = new StreamInputReader(gate, serializers.toArray(new TypeSerializer<?>[0]), logicalInputs,
                handlerFor(chain.head(), chain.headRecordsIn(), keyContext(config), new Checkpointer() {
                    @Override
                    public void checkpoint(long checkpointId, long timestamp, CheckpointOptions options,
                            long alignmentNanos) throws Exception {
                        performCheckpoint(checkpointId, timestamp, options, alignmentNanos);
                    }

                    @Override
                    public void inputChannelState(long checkpointId, List<List<byte[]>> inputChannelState) {
                        completeChannelState(checkpointId, inputChannelState);
                    }
                }), align);
        if (chain.head() instanceof SequentialInputsOperator sequential && allInputsBlocking()) {
            inputReader.readFirst(sequential.firstInput());
        }
        gate.start();
        Duration debloatTarget = environment.exchange().getDebloatTarget();
        if (debloatTarget != null) {
            BufferDebloater debloater = new BufferDebloater(List.of(openedChannels), debloatTarget,
                    environment.exchange().getNetworkBufferPool().getSegmentSize());
            StreamInputReader reader = inputReader;
            debloating = schedulePeriodicMail(environment.exchange().getDebloatPeriod().toMillis(),
                    () -> debloater.sample(reader.getBytesIn()));
        }
        moveTo(TaskLifecycle.RUNNING);
    }

    private boolean allInputsBlocking() {
        return deployment.inputs().stream().allMatch(InputDescriptor::blocking);
    }

    /** The descriptor of the gate's channel {@code index}, counted across the inputs in order. */
    private ChannelDescriptor channelDescriptor(int index) {
        for (InputDescriptor input : deployment.inputs()) {
            if (index < input.channels().size()) {
                return input.channels().get(index);
            }
            index -= input.channels().size();
        }
        throw new IndexOutOfBoundsException(index);
    }

    /** Sets the current key of the head's state backend from each record, or null when the head is not keyed. */
    private KeyContext keyContext(ChainConfig config) {
        KeyedStateBackend<?> backend = chain.headKeyedBackend();
        if (backend == null) {
            return null;
        }
        KeySelector<?, ?>[] selectors = new KeySelector<?, ?>[2];
        for (ChainConfig.Input input : config.inputs()) {
            selectors[input.logicalInput()] = input.keySelector();
        }
        return new KeyContext(backend, selectors);
    }

    /** The head's backend and a key selector per logical input. */
    private record KeyContext(KeyedStateBackend<?> backend, KeySelector<?, ?>[] selectors) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        void setCurrentKey(int input, Object record) throws Exception {
            KeySelector selector = selectors[input];
            // the broadcast input of a keyed broadcast operator has no key
            if (selector != null) {
                ((KeyedStateBackend) backend).setCurrentKey(selector.getKey(record));
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ElementHandler handlerFor(StreamOperator<?> head, Counter recordsIn, KeyContext keys,
            Checkpointer checkpointer) {
        if (head instanceof TwoInputOperator two) {
            return new ElementHandler() {
                @Override
                public void processRecord(int input, Object record, long timestamp) throws Exception {
                    recordsIn.inc();
                    if (keys != null) {
                        keys.setCurrentKey(input, record);
                    }
                    if (input == 0) {
                        two.processElement1(record, timestamp);
                    } else {
                        two.processElement2(record, timestamp);
                    }
                }

                @Override
                public void endOfInput(int input) throws Exception {
                    if (head instanceof SequentialInputsOperator sequential) {
                        sequential.endOfInput(input);
                    }
                }

                @Override
                public void processWatermark(long watermark) throws Exception {
                    head.processWatermark(watermark);
                }

                @Override
                public void processWatermarkStatus(boolean idle) throws Exception {
                    head.processWatermarkStatus(idle);
                }

                @Override
                public void processCheckpointBarrier(long checkpointId, long timestamp, CheckpointOptions options,
                        long alignmentNanos) throws Exception {
                    checkpointer.checkpoint(checkpointId, timestamp, options, alignmentNanos);
                }

                @Override
                public void processInputChannelState(long checkpointId, List<List<byte[]>> inputChannelState) {
                    checkpointer.inputChannelState(checkpointId, inputChannelState);
                }
            };
        }
        OneInputOperator one = (OneInputOperator) head;
        return new ElementHandler() {
            @Override
            public void processRecord(int input, Object record, long timestamp) throws Exception {
                recordsIn.inc();
                if (keys != null) {
                    keys.setCurrentKey(0, record);
                }
                one.processElement(record, timestamp);
            }

            @Override
            public boolean takesSerializedRecords(int input, TypeSerializer<?> serializer) {
                return keys == null && head instanceof SerializedInputOperator bytes && bytes.takesSerialized(serializer);
            }

            @Override
            public void processSerializedRecord(int input, DataInputView in, int length) throws Exception {
                recordsIn.inc();
                ((SerializedInputOperator) head).processSerialized(in, length);
            }

            @Override
            public void processWatermark(long watermark) throws Exception {
                head.processWatermark(watermark);
            }

            @Override
            public void processWatermarkStatus(boolean idle) throws Exception {
                head.processWatermarkStatus(idle);
            }

            @Override
            public void processCheckpointBarrier(long checkpointId, long timestamp, CheckpointOptions options,
                    long alignmentNanos) throws Exception {
                checkpointer.checkpoint(checkpointId, timestamp, options, alignmentNanos);
            }

            @Override
            public void processInputChannelState(long checkpointId, List<List<byte[]>> inputChannelState) {
                checkpointer.inputChannelState(checkpointId, inputChannelState);
            }
        };
    }

    /** Takes a checkpoint when the barriers are complete (aligned) or at the first (unaligned). */
    private interface Checkpointer {
        void checkpoint(long checkpointId, long timestamp, CheckpointOptions options, long alignmentNanos)
                throws Exception;

        /** An unaligned checkpoint's recorded input. */
        void inputChannelState(long checkpointId, List<List<byte[]>> inputChannelState);
    }

    private static Throwable closeQuietly(AutoCloseable closeable, Throwable failure) {
        if (closeable == null) {
            return failure;
        }
        try {
            closeable.close();
        } catch (Throwable t) {
            if (failure == null) {
                return t;
            }
            failure.addSuppressed(t);
        }
        return failure;
    }
}
