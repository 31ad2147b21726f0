package io.eddy.state.hdfs;

import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.operators.Output;
import io.eddy.runtime.operators.TwoPhaseCommitSinkOperator;
import io.eddy.api.state.KeyGroups;
import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.runtime.checkpoint.StateHandle;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.network.ExecutionAttemptId;
import io.eddy.runtime.state.HeapOperatorStateStore;
import io.eddy.runtime.tasks.OperatorContextImpl;
import io.eddy.testutils.harness.ManualProcessingTimeService;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

/**
 * One subtask of the sink operator of an {@link ExactlyOnceFileSink}, driven as its task would drive
 * it: the real {@link TwoPhaseCommitSinkOperator} on its own deserialized copy of the sink, its
 * operator state snapshotted into and restored (redistributed) from real checkpoint storage, and a
 * manual processing-time clock.
 */
final class SinkSubtask<T> {
    private final TwoPhaseCommitSinkOperator<T, FileTransaction> operator;
    private final OperatorContextImpl context;
    private final ManualProcessingTimeService clock = new ManualProcessingTimeService();
    private final CheckpointStorage storage;

    /**
     * Subtask {@code index} of {@code parallelism}, opened; restored from the operator state files
     * of all subtasks of an earlier run, in subtask order, unless {@code restore} is empty.
     */
    SinkSubtask(ExactlyOnceFileSink<T> sink, int index, int parallelism, List<StateHandle> restore,
            CheckpointStorage storage) throws Exception {
        this.storage = storage;
        this.operator = new TwoPhaseCommitSinkOperator<>(copy(sink));
        TaskDeploymentDescriptor task = new TaskDeploymentDescriptor("sink-job", "sink", ExecutionAttemptId.generate(),
                "v1", "sink", index, parallelism, KeyGroups.DEFAULT_MAX_PARALLELISM, 0, null, null,
                new ExecutionConfig(), List.of(), List.of(), null);
        this.context = new OperatorContextImpl(task, "sink", getClass().getClassLoader(), null, clock);
        if (!restore.isEmpty()) {
            stateStore().restore(restore, parallelism, index, storage);
        }
        operator.setup(context, null); // a sink emits nothing
        operator.open();
    }

    @SuppressWarnings("unchecked")
    private static <S> S copy(S object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (S) in.readObject();
        }
    }

    private HeapOperatorStateStore stateStore() {
        return (HeapOperatorStateStore) context.getOperatorStateStore();
    }

    @SafeVarargs
    final SinkSubtask<T> write(T... elements) throws Exception {
        for (T e : elements) {
            operator.processElement(e, Output.NO_TIMESTAMP);
        }
        return this;
    }

    /** Takes this subtask's part of checkpoint {@code id}: returns its operator state file. */
    StateHandle checkpoint(long id) throws Exception {
        operator.snapshotState(id);
        return stateStore().snapshot(id).writeTo(storage.initializeCheckpoint("sink-job", id));
    }

    void complete(long id) throws Exception {
        operator.notifyCheckpointComplete(id);
    }

    /** Moves the processing-time clock, running the callbacks due by then. */
    void advanceTimeTo(long time) throws Exception {
        clock.advanceTo(time);
    }

    void endInput() throws Exception {
        operator.endInput();
    }

    /** Closes the operator as after a cancellation or failure; a crashed subtask is just never closed. */
    void close() throws Exception {
        operator.close();
    }
}
