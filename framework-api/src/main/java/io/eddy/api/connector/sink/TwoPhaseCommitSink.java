package io.eddy.api.connector.sink;

import io.eddy.api.types.TypeInfo;

import java.io.Serializable;

/**
 * A sink whose output becomes visible exactly once, in step with checkpoints. Records are written
 * into a transaction; on a checkpoint the transaction is pre-committed (made durable but not yet
 * visible) and a new one begins; once that checkpoint is complete everywhere, every pre-committed
 * transaction of it or an earlier checkpoint is committed. Pre-committed transactions are kept in
 * the sink's operator state, so after a failure those of the restored checkpoint are committed
 * (again, which must be harmless) and the one that was open is aborted. At the end of the input
 * the last transaction waits for the job's final checkpoint; without checkpointing, everything is
 * committed at the end of the input.
 *
 * <p>Not a {@link Sink}: its writer writes into transactions. {@code DataStream#sinkTo} has an
 * overload for it, and the runtime runs it in an operator of its own.
 *
 * @param <TXN> the transaction handle; it is stored in checkpoints with {@link #getTransactionType()}
 */
public interface TwoPhaseCommitSink<T, TXN> extends Serializable {
    /** Creates the writer of one parallel subtask. */
    TwoPhaseCommitWriter<T, TXN> createCommittingWriter(SinkContext context) throws Exception;

    /** How transaction handles are serialized into operator state. */
    TypeInfo<TXN> getTransactionType();
}
