package io.eddy.runtime.tasks;

import io.eddy.api.connector.source.InputStatus;
import io.eddy.api.connector.source.SourceOutput;
import io.eddy.api.connector.source.SourceReader;
import io.eddy.api.connector.source.SourceReaderContext;
import io.eddy.api.execution.CheckpointConfig;
import io.eddy.api.execution.CheckpointingMode;
import io.eddy.api.functions.KeySelector;
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
import io.eddy.runtime.jobgraph.ChainConfig;
import io.eddy.runtime.jobgraph.SerializedObjects;
import io.eddy.runtime.keygroups.KeyGroupRange;
import io.eddy.runtime.metrics.Counter;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.network.ElementHandler;
import io.eddy.runtime.network.InputGate;
import io.eddy.runtime.network.RecordWriter;
import io.eddy.runtime.network.ResultPartition;
import io.eddy.runtime.network.ResultSubpartition;
import io.eddy.runtime.network.StreamInputReader;
import io.eddy.runtime.shuffle.InputChannel;
import io.eddy.runtime.state.CheckpointableKeyedStateBackend;
import io.eddy.runtime.state.KeyedStateBackend;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Runs one subtask: builds the operator chain and its exchanges, then loops in this one thread
 * over the next input element (from the source reader or the input gate) and the mailbox, until
 * the input ends or the task is cancelled.
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
 * {@link #drain} and {@link #metrics()}, which other threads call; they only touch volatile fields,
 * the mailbox and counters.
 */
public final class StreamTask {
    private final TaskEnvironment environment;
    private final TaskDeploymentDescriptor deployment;
    private final Runnable onFinishing;
    private final Mailbox mailbox = new Mailbox();
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private final List<InputChannel> inputChannels = new ArrayList<>();
    private volatile boolean cancelled;
    private volatile Thread thread;
    private volatile OperatorChain chain;
    private volatile long startNanos;
    private RecordWriter<?>[] writers = new RecordWriter<?>[0];
    private volatile StreamInputReader inputReader;
    private MailboxProcessingTimeService processingTime;
    private SourceReader<?, ?> sourceReader;
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
    /** Task thread only: the final checkpoint completed; the task may finish. */
    private boolean finalCheckpointCompleted;
    /** Task thread only: a source ends its input now (stop with drain). */
    private boolean draining;
    /** Task thread only: the stop savepoint this task took its part of and waits for, or -1. */
    private long stopSavepointId = -1;
    /** Task thread only: the newest checkpoint known to be aborted; a late stop barrier of it stops nothing. */
    private long abortedCheckpointId = -1;
    /** Task thread only: the stop savepoint completed; the task finishes without ending its input. */
    private boolean stopped;

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
        List<ResultPartition> partitions = createPartitions(config);
        boolean finishedOnRestore = deployment.restore() != null && deployment.restore().finished();
        sourceTask = config.source() != null;
        Throwable failure = null;
        ScheduledFuture<?> flusher = null;
        operatorIds = operatorIds(config);
        processingTime = new MailboxProcessingTimeService(environment.timers(), mailbox);
        try {
            chain = new OperatorChain(config, writers, deployment.executionConfig().isObjectReuseEnabled(),
                    i -> context(config.nodes().get(i), operatorIds[i]));
            chain.open();
            flusher = scheduleFlusher();
            boolean ended;
            if (finishedOnRestore) {
                ended = true; // its vertex and all before it had finished: no input is left to read
            } else if (sourceTask) {
                sourceReader = config.source().createReader(readerContext());
                ended = runSource(sourceReader);
            } else {
                ended = runInputs(config);
            }
            if (ended) {
                endInput(finishedOnRestore);
            }
        } catch (Throwable t) {
            failure = OperatorFailure.unwrap(t);
        } finally {
            if (flusher != null) {
                flusher.cancel(false);
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
            inputChannels.forEach(InputChannel::close);
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
    }

    /** Stops the task: the next mailbox check unwinds it; blocking waits notice the flag. */
    public void cancel() {
        cancelled = true;
        mailbox.put(() -> {
            throw new CancelTaskException();
        });
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

    public void notifyCheckpointComplete(long checkpointId) {
        mailbox.put(() -> {
            chain.notifyCheckpointComplete(checkpointId);
            if (finalCheckpointId >= 0 && checkpointId >= finalCheckpointId) {
                finalCheckpointCompleted = true;
            }
            if (checkpointId == stopSavepointId) {
                stopped = true;
            }
        });
    }

    /** Checkpoint {@code checkpointId} will not complete: if the task stopped for it, it goes on. */
    public void notifyCheckpointAborted(long checkpointId) {
        mailbox.put(() -> {
            abortedCheckpointId = Math.max(abortedCheckpointId, checkpointId);
            if (checkpointId == stopSavepointId) {
                stopSavepointId = -1;
            }
        });
    }

    /** A source task ends its input now, as if it were exhausted (stop with drain). */
    public void drain() {
        mailbox.put(() -> draining = true);
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
        long bytesOut = 0;
        long backPressure = 0;
        for (RecordWriter<?> w : writers) {
            bytesOut += w.getBytesOut();
            backPressure += w.getBackPressuredNanos();
        }
        StreamInputReader reader = inputReader;
        return new TaskMetricsSnapshot(c.recordsIn(), c.recordsOut(), reader == null ? 0 : reader.getBytesIn(),
                bytesOut, backPressure, System.nanoTime() - startNanos);
    }

    // ---------------------------------------------------------------- set-up

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<ResultPartition> createPartitions(ChainConfig config) {
        List<ResultPartition> partitions = new ArrayList<>();
        List<OutputDescriptor> outputs = deployment.outputs();
        writers = new RecordWriter<?>[outputs.size()];
        boolean flushAlways = deployment.executionConfig().getBufferTimeout() == 0;
        try {
            for (int i = 0; i < outputs.size(); i++) {
                OutputDescriptor d = outputs.get(i);
                int buffers = d.numberOfSubpartitions() * environment.buffersPerChannel() + environment.floatingBuffers();
                ResultPartition partition = new ResultPartition(d.partitionId(), deployment.jobId(),
                        d.numberOfSubpartitions(), environment.shuffle().getNetworkBufferPool().createPool(
                                deployment.taskNameWithSubtask() + " output " + i, buffers));
                partitions.add(partition);
                ChainConfig.Output out = config.outputs().get(i);
                writers[i] = new RecordWriter(partition, out.serializer().duplicate(),
                        (StreamPartitioner) out.partitioner(), flushAlways, () -> cancelled);
            }
        } catch (RuntimeException e) {
            partitions.forEach(ResultPartition::release);
            throw e;
        }
        for (ResultPartition p : partitions) {
            environment.shuffle().registerPartition(p);
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
                    environment.userClassLoader(), backend, processingTime);
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
        if (!inputEnded) {
            for (RecordWriter<?> writer : writers) {
                writer.broadcastBarrier(checkpointId, timestamp, options);
            }
            if (stops) {
                // as mail: a barrier is handled deep in the input reader, which must return first
                mailbox.put(this::awaitStopSavepoint);
            }
        } else if (options.finalCheckpoint() && finalCheckpointId < 0) {
            finalCheckpointId = checkpointId;
        }
        long syncMillis = (System.nanoTime() - start) / 1_000_000;
        long alignmentMillis = alignmentNanos / 1_000_000;
        byte[] sourceSplits = splits;
        boolean ended = inputEnded;
        environment.checkpointWriters().execute(() -> writeCheckpoint(checkpointId, options, snapshots, sourceSplits,
                ended, alignmentMillis, syncMillis));
    }

    /**
     * The asynchronous part: writes the state files straight into the checkpoint's or savepoint's
     * directory (the trigger or barrier named it) and acknowledges.
     */
    private void writeCheckpoint(long checkpointId, CheckpointOptions options, List<PendingOperatorSnapshot> snapshots,
            byte[] sourceSplits, boolean inputEnded, long alignmentMillis, long syncMillis) {
        long start = System.nanoTime();
        try {
            CheckpointLocation location = CheckpointStorages.forDirectory(options.storageDirectory(),
                    environment.userClassLoader()).resolveLocation(options.location());
            List<OperatorSnapshot> written = new ArrayList<>();
            for (PendingOperatorSnapshot snapshot : snapshots) {
                written.add(snapshot.writeTo(location));
            }
            environment.checkpointResponder().acknowledgeCheckpoint(deployment.attemptId(), checkpointId,
                    new SubtaskState(written, sourceSplits, inputEnded),
                    new CheckpointDurations(alignmentMillis, syncMillis, (System.nanoTime() - start) / 1_000_000));
        } catch (Throwable t) {
            snapshots.forEach(PendingOperatorSnapshot::release);
            environment.checkpointResponder().declineCheckpoint(deployment.attemptId(), checkpointId,
                    "Writing the state of " + deployment.taskNameWithSubtask() + " failed: " + t);
        }
    }

    private ScheduledFuture<?> scheduleFlusher() {
        long timeout = deployment.executionConfig().getBufferTimeout();
        if (timeout == 0 || writers.length == 0) {
            return null;
        }
        Mailbox.Mail flush = () -> {
            flushPending.set(false);
            for (RecordWriter<?> writer : writers) {
                writer.flushAll();
            }
        };
        return environment.timers().scheduleAtFixedRate(() -> {
            if (flushPending.compareAndSet(false, true)) {
                mailbox.put(flush);
            }
        }, timeout, timeout, TimeUnit.MILLISECONDS);
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
        };
    }

    // ---------------------------------------------------------------- end of input

    /**
     * The input ended: the operators end theirs, the outputs finish; with checkpointing or when
     * drained, the task then waits (FINISHING) until the final checkpoint completed, or a stop
     * savepoint.
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
            return;
        }
        processingTime.shutDown(); // the outputs are finished: no timer may emit any more
        onFinishing.run();
        runMailsUntil(() -> finalCheckpointCompleted || stopped);
    }

    /**
     * Took its part of a stop savepoint: serves only the mailbox, timers held back, until the
     * savepoint completed (the task then finishes) or was aborted (it goes on).
     */
    private void awaitStopSavepoint() throws Exception {
        processingTime.holdTimers();
        runMailsUntil(() -> stopped || stopSavepointId < 0);
        if (!stopped) {
            processingTime.releaseTimers();
        }
    }

    /** Serves only the mailbox (checkpoints, notifications, cancellation) until {@code done}. */
    private void runMailsUntil(BooleanSupplier done) throws Exception {
        while (!done.getAsBoolean()) {
            while (!mailbox.hasMail()) {
                LockSupport.park(this);
            }
            mailbox.runAll();
        }
    }

    // ---------------------------------------------------------------- loops

    /** Reads the source until its end, a drain or a stop; true unless stopped. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean runSource(SourceReader reader) throws Exception {
        List<Serializable> splits = deployment.splits() == null ? List.of()
                : SerializedObjects.deserialize(deployment.splits(), environment.userClassLoader());
        reader.addSplits(splits);
        reader.start();
        Output output = chain.headOutput();
        SourceOutput sourceOutput = new SourceOutput() {
            @Override
            public void collect(Object record) {
                output.collect(record, Output.NO_TIMESTAMP);
            }

            @Override
            public void collect(Object record, long timestamp) {
                output.collect(record, timestamp);
            }
        };
        while (true) {
            if (mailbox.hasMail()) {
                mailbox.runAll();
                if (stopped || draining) {
                    break;
                }
            }
            InputStatus status = reader.pollNext(sourceOutput);
            if (status == InputStatus.MORE_AVAILABLE) {
                continue;
            }
            if (status == InputStatus.END_OF_INPUT) {
                break;
            }
            CompletableFuture<Void> available = reader.isAvailable();
            if (!available.isDone()) {
                Thread self = thread;
                available.whenComplete((v, e) -> LockSupport.unpark(self));
                while (!available.isDone() && !mailbox.hasMail()) {
                    LockSupport.park(this);
                }
            }
        }
        if (stopped) {
            return false;
        }
        output.emitWatermark(Long.MAX_VALUE);
        return true;
    }

    /** Processes the inputs until they all ended or a stop; true unless stopped. */
    private boolean runInputs(ChainConfig config) throws Exception {
        List<ResultSubpartition> channels = new ArrayList<>();
        List<TypeSerializer<?>> serializers = new ArrayList<>();
        List<Integer> inputs = new ArrayList<>();
        for (int edge = 0; edge < deployment.inputs().size(); edge++) {
            InputDescriptor input = deployment.inputs().get(edge);
            ChainConfig.Input inputConfig = config.inputs().get(edge);
            for (ChannelDescriptor channel : input.channels()) {
                InputChannel opened = open(channel);
                inputChannels.add(opened);
                channels.add(opened.subpartition());
                serializers.add(inputConfig.serializer().duplicate());
                inputs.add(inputConfig.logicalInput());
            }
        }
        InputGate gate = new InputGate(channels.toArray(new ResultSubpartition[0]));
        int[] logicalInputs = inputs.stream().mapToInt(Integer::intValue).toArray();
        boolean align = deployment.executionConfig().getCheckpointConfig().getCheckpointingMode()
                == CheckpointingMode.EXACTLY_ONCE;
        StreamInputReader reader = new StreamInputReader(gate, serializers.toArray(new TypeSerializer<?>[0]),
                logicalInputs, handlerFor(chain.head(), chain.headRecordsIn(), keyContext(config), this::performCheckpoint),
                align);
        inputReader = reader;
        gate.start(thread);
        while (true) {
            if (mailbox.hasMail()) {
                mailbox.runAll();
                if (stopped) {
                    return false;
                }
            }
            StreamInputReader.Status status = reader.processNext();
            if (status == StreamInputReader.Status.MORE) {
                continue;
            }
            if (status == StreamInputReader.Status.END) {
                return true;
            }
            while (!gate.isAvailable() && !mailbox.hasMail()) {
                LockSupport.park(this);
            }
        }
    }

    /** Opens a channel, running mail while a local producer has not registered its partition yet. */
    private InputChannel open(ChannelDescriptor channel) throws Exception {
        CompletableFuture<InputChannel> opening = environment.shuffle().openChannel(channel.partitionId(),
                channel.subpartition(), channel.producerAddress() == null ? null : channel.producerAddress().toSocketAddress(),
                deployment.taskNameWithSubtask());
        long timeoutMs = environment.shuffle().getRequestTimeout().toMillis();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            if (mailbox.hasMail()) {
                mailbox.runAll();
            }
            try {
                return opening.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new TimeoutException("The producer of input partition " + channel.partitionId()
                            + " did not start within " + timeoutMs / 1000 + " s");
                }
            }
        }
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
        };
    }

    /** Takes a checkpoint when the barriers are complete. */
    private interface Checkpointer {
        void checkpoint(long checkpointId, long timestamp, CheckpointOptions options, long alignmentNanos)
                throws Exception;
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
