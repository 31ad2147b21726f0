package io.eddy.runtime.iteration;

import io.eddy.api.functions.rich.RuntimeContext;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The meeting points of the iterations running in this JVM: one {@link SubtaskIteration} per job,
 * iteration, attempt and subtask, and one {@link SuperstepBarrier} per job, iteration and attempt.
 * Created by whichever task comes first; removed by the heads that own them when they close. The
 * attempt number keeps a restarted iteration (its tasks form one pipelined region and restart together)
 * apart from what its failed attempt left behind. Thread-safe.
 */
final class IterationRegistry {
    private record SubtaskKey(String jobId, int iterationId, int attempt, int subtask) {}

    private record IterationKey(String jobId, int iterationId, int attempt) {}

    private static final ConcurrentHashMap<SubtaskKey, SubtaskIteration> SUBTASKS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<IterationKey, SuperstepBarrier> BARRIERS = new ConcurrentHashMap<>();

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

    static SuperstepBarrier barrier(RuntimeContext context, IterationSpec spec) {
        return BARRIERS.computeIfAbsent(new IterationKey(context.getJobId(), spec.iterationId(), context.getAttemptNumber()),
                k -> new SuperstepBarrier(spec));
    }

    /** Called by each head as it closes; the last one removes the barrier. */
    static void leaveBarrier(RuntimeContext context, int iterationId) {
        BARRIERS.computeIfPresent(new IterationKey(context.getJobId(), iterationId, context.getAttemptNumber()),
                (k, barrier) -> barrier.leave() ? null : barrier);
    }
}
