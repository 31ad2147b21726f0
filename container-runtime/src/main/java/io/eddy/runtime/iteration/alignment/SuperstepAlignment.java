package io.eddy.runtime.iteration.alignment;

import io.eddy.runtime.execution.ExecutionAttemptId;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the heads of an iteration's parallel subtasks meet at the end of every superstep, wherever
 * they run: the job's JobMaster, reached directly from a TaskManager in its JVM and over RPC from a
 * TaskManager process. It only gathers: each head sends its report as bytes (aggregates, counts: they
 * may hold the user's classes, which the JobMaster does not load) and receives every head's report,
 * from which each head takes the same decision (go on or stop) by itself.
 *
 * <p>Calls do not wait; the future completes on whatever thread delivers the last report.
 */
public interface SuperstepAlignment {
    /**
     * Head subtask {@code subtask} of {@code parties} ended {@code superstep}; the future completes
     * with the reports of all {@code parties} heads, in subtask order, once the last one arrived, or
     * exceptionally when the job stops first.
     *
     * @param attempt the head's execution attempt, which names its job
     */
    CompletableFuture<List<byte[]>> alignSuperstep(ExecutionAttemptId attempt, SuperstepId superstep, int subtask,
            int parties, byte[] report);
}
