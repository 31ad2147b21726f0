package io.eddy.runtime.operators;

import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.TwoPhaseCommitSink;
import io.eddy.api.connector.sink.TwoPhaseCommitWriter;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.OperatorListState;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Runs a {@link TwoPhaseCommitSink}: pre-commits the open transaction in {@link #snapshotState},
 * commits the pre-committed ones in {@link #notifyCheckpointComplete}, and keeps the pre-committed
 * (and the open) transactions in operator list state so that a restored attempt commits the former
 * and aborts the latter.
 *
 * <p>At the end of the input: when checkpoints follow (checkpointing, or a drain), the open
 * transaction is pre-committed by the next one, which holds the task's final state, and committed
 * when that completes, even while the rest of the job runs on; a failure before cannot duplicate
 * it, and the later checkpoints up to the final one have nothing more to pre-commit or commit.
 * Without checkpointing, everything is committed right away.
 */
public final class TwoPhaseCommitSinkOperator<T, TXN> extends StreamOperator<Void> implements OneInputOperator<T> {
    private static final long serialVersionUID = 1L;

    private final TwoPhaseCommitSink<T, TXN> sink;

    private transient TwoPhaseCommitWriter<T, TXN> writer;
    private transient OperatorListState<Tuple2<Long, TXN>> pendingState;
    private transient OperatorListState<TXN> openState;
    /** Pre-committed transactions with the checkpoint they belong to, oldest first. */
    private transient List<Tuple2<Long, TXN>> pending;
    private transient TXN current;
    /** The input ended and a final checkpoint follows: no new transaction after its pre-commit. */
    private transient boolean ended;

    public TwoPhaseCommitSinkOperator(TwoPhaseCommitSink<T, TXN> sink) {
        this.sink = sink;
    }

    public TwoPhaseCommitSink<T, TXN> getSink() {
        return sink;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open() throws Exception {
        TypeInfo<TXN> txnType = sink.getTransactionType();
        TypeInfo<Tuple2<Long, TXN>> pendingType = (TypeInfo<Tuple2<Long, TXN>>) (TypeInfo<?>) Types.TUPLE(Types.LONG, txnType);
        pendingState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("two-phase-commit-pending", pendingType));
        openState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("two-phase-commit-open", txnType));
        writer = sink.createCommittingWriter(SinkContext.of(context));
        List<TXN> committed = new ArrayList<>();
        for (Tuple2<Long, TXN> p : pendingState.get()) {
            writer.commit(p.f1);
            committed.add(p.f1);
        }
        List<TXN> aborted = new ArrayList<>();
        for (TXN txn : openState.get()) {
            writer.abort(txn);
            aborted.add(txn);
        }
        writer.recoveryFinished(committed, aborted);
        pending = new ArrayList<>();
        pendingState.clear();
        current = writer.beginTransaction();
        openState.update(List.of(current));
    }

    @Override
    public void processElement(T value, long timestamp) throws Exception {
        if (current == null) {
            current = writer.beginTransaction();
        }
        writer.write(current, value, timestamp);
    }

    @Override
    public void processWatermark(long watermark) {}

    @Override
    public void snapshotState(long checkpointId) throws Exception {
        if (current != null) {
            writer.preCommit(current);
            pending.add(Tuple2.of(checkpointId, current));
            current = ended ? null : writer.beginTransaction();
        }
        pendingState.update(new ArrayList<>(pending));
        openState.update(current == null ? List.of() : List.of(current));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        boolean changed = false;
        for (Iterator<Tuple2<Long, TXN>> it = pending.iterator(); it.hasNext(); ) {
            Tuple2<Long, TXN> p = it.next();
            if (p.f0 <= checkpointId) {
                writer.commit(p.f1);
                it.remove();
                changed = true;
            }
        }
        if (changed) {
            pendingState.update(new ArrayList<>(pending));
        }
    }

    @Override
    public void endInput() throws Exception {
        if (context.isFinalCheckpointPending()) {
            ended = true; // the final checkpoint pre-commits the open transaction, its completion commits it
            return;
        }
        // no checkpoint follows: commit all that was written
        if (current != null) {
            writer.preCommit(current);
            pending.add(Tuple2.of(Long.MAX_VALUE, current));
            current = null;
        }
        for (Tuple2<Long, TXN> p : pending) {
            writer.commit(p.f1);
        }
        pending.clear();
        pendingState.clear();
        openState.clear();
    }

    @Override
    public void close() throws Exception {
        if (writer == null) {
            return;
        }
        try {
            if (current != null) {
                writer.abort(current); // pre-committed transactions stay: a restored attempt commits them
                current = null;
            }
        } finally {
            writer.close();
        }
    }
}
