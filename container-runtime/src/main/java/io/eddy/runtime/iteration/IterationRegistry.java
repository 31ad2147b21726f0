package io.eddy.runtime.iteration;

import io.eddy.api.functions.rich.RuntimeContext;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The meeting points of the iterations running in this JVM: one {@link SubtaskIteration} per job,
 * iteration, attempt and subtask, where the head, the tails and the step function's operators of that
 * subtask meet (the scheduler co-locates them in one slot; the heads of different subtasks align through
 * the JobMaster instead, see {@link SuperstepBarrier}). Created by whichever task comes first; removed
 * by the head that owns it when it closes. The
 * attempt number keeps a restarted iteration (its tasks form one pipelined region and restart together)
 * apart from what its failed attempt left behind. Thread-safe.
 */
final class IterationRegistry {
    private record SubtaskKey(String jobId, int iterationId, int attempt, int subtask) {}

    private static final ConcurrentHashMap<SubtaskKey, SubtaskIteration> SUBTASKS = new ConcurrentHashMap<>();

    private IterationRegistry() {}

    /** The meeting point of the subtask of the iteration that {@code context}'s operator runs in. */
    static SubtaskIteration subtask(RuntimeContext context, int iterationId) {
        return SUBTASKS.computeIfAbsent(key(context, iterationId), k -> new SubtaskIteration());
    }

    /**
     * The meeting point of iteration subtask {@code subtask}, for an operator of the step function that
     * runs with another parallelism than the iteration: its subtask <i>j</i> contributes to <i>j</i>
     * modulo the iteration's parallelism.
     */
    static SubtaskIteration subtask(RuntimeContext context, int iterationId, int subtask) {
        return SUBTASKS.computeIfAbsent(new SubtaskKey(context.getJobId(), iterationId, context.getAttemptNumber(), subtask),
                k -> new SubtaskIteration());
    }

    private static SubtaskKey key(RuntimeContext context, int iterationId) {
        return new SubtaskKey(context.getJobId(), iterationId, context.getAttemptNumber(), context.getIndexOfThisSubtask());
    }

    static void removeSubtask(RuntimeContext context, int iterationId) {
        SubtaskIteration removed = SUBTASKS.remove(key(context, iterationId));
        if (removed != null) {
            removed.discardFeedback();
        }
    }
}
