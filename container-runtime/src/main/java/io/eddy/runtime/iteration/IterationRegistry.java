package io.eddy.runtime.iteration;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The meeting points of the iterations running in this JVM: one {@link SubtaskIteration} per job,
 * iteration and subtask, and one {@link SuperstepBarrier} per job and iteration. Created by whichever
 * task comes first; removed by the head that owns them when it closes. Thread-safe.
 */
final class IterationRegistry {
    private record SubtaskKey(String jobId, int iterationId, int subtask) {}

    private record IterationKey(String jobId, int iterationId) {}

    private static final ConcurrentHashMap<SubtaskKey, SubtaskIteration> SUBTASKS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<IterationKey, SuperstepBarrier> BARRIERS = new ConcurrentHashMap<>();

    private IterationRegistry() {}

    static SubtaskIteration subtask(String jobId, int iterationId, int subtask) {
        return SUBTASKS.computeIfAbsent(new SubtaskKey(jobId, iterationId, subtask), k -> new SubtaskIteration());
    }

    static void removeSubtask(String jobId, int iterationId, int subtask) {
        SubtaskIteration removed = SUBTASKS.remove(new SubtaskKey(jobId, iterationId, subtask));
        if (removed != null) {
            removed.discardFeedback();
        }
    }

    static SuperstepBarrier barrier(String jobId, IterationSpec spec) {
        return BARRIERS.computeIfAbsent(new IterationKey(jobId, spec.iterationId()), k -> new SuperstepBarrier(spec));
    }

    /** Called by each head as it closes; the last one removes the barrier. */
    static void leaveBarrier(String jobId, int iterationId) {
        BARRIERS.computeIfPresent(new IterationKey(jobId, iterationId), (k, barrier) -> barrier.leave() ? null : barrier);
    }
}
