package io.eddy.api.connector.sink;

import java.util.List;

/**
 * The transactional writer of one subtask of a {@link TwoPhaseCommitSink}. All methods run in the
 * task thread. At most one transaction is open (being written) at a time; several may be
 * pre-committed and waiting for their checkpoint to complete.
 */
public interface TwoPhaseCommitWriter<T, TXN> extends AutoCloseable {
    /** Opens a new transaction that the following records are written into. */
    TXN beginTransaction() throws Exception;

    /** @param timestamp the record's event timestamp, or {@code Long.MIN_VALUE} if it has none */
    void write(TXN transaction, T element, long timestamp) throws Exception;

    /** Makes the transaction durable so that it can be committed later, even by another attempt; no more writes follow. */
    void preCommit(TXN transaction) throws Exception;

    /**
     * Makes a pre-committed transaction visible. Must be idempotent: after a failure it is called
     * again for transactions that may already be committed.
     */
    void commit(TXN transaction) throws Exception;

    /** Discards a transaction (open or pre-committed) that will never be committed. */
    void abort(TXN transaction) throws Exception;

    /**
     * Called once before the first {@link #beginTransaction}, after the restored pre-committed
     * transactions were committed and the restored open transactions aborted (both lists are empty
     * on a fresh start): e.g. to clean up what a failed attempt left behind after the restored
     * checkpoint.
     *
     * @param committed the restored transactions that were (re-)committed
     * @param aborted the restored transactions that were aborted
     */
    default void recoveryFinished(List<TXN> committed, List<TXN> aborted) throws Exception {}

    /** Releases resources; also called after a failure. */
    @Override
    void close() throws Exception;
}
