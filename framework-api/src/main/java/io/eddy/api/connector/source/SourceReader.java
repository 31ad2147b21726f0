package io.eddy.api.connector.source;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the splits assigned to one parallel subtask. All methods run in the subtask's task
 * thread, interleaved with checkpoints and timers, so {@link #pollNext} must not block for long:
 * when nothing is ready it returns {@link InputStatusthere too, since container-runtime's tests cannot depend on test-utils.NOTHING_AVAILABLE} and completes
 * {@link #isAvailable()} (from any thread) when data arrives.
 */
public interface SourceReader<T, SplitT extends Serializable> extends AutoCloseable {
    /** Called once before the first {@link #pollNext}, after the initial splits were added. */
    default void start() throws Exception {}

    void addSplits(List<SplitT> splits);

    /** Emits at most a few records (typically one) and says whether more are available. */
    InputStatus pollNext(SourceOutput<T> output) throws Exception;

    /** Completes when {@link #pollNext} can make progress again; only asked after NOTHING_AVAILABLE. */
    default CompletableFuture<Void> isAvailable() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The unfinished splits with their current positions, so a restarted reader resumes exactly
     * where this one stood. Called in the task thread between two {@link #pollNext} calls.
     */
    List<SplitT> snapshotState(long checkpointId);

    @Override
    default void close() throws Exception {}
}
