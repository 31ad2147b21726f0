package io.eddy.runtime.scheduler;

import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.jobgraph.JobEdge;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.resourcemanager.Slot;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places the subtasks of a job into its slots. Slots are shared: a slot hosts at most one subtask of
 * each vertex, so a job needs as many slots as its highest parallelism, whichever slots it got.
 * Vertices are placed in topological order. A subtask fed by a forward edge (pointwise, equal
 * parallelism) goes into the slot of the producer subtask it reads, so the records stay in memory;
 * any other subtask goes to the TaskManager that hosts the fewest subtasks of its vertex so far
 * (ties: the earliest slot), which spreads a vertex over the cluster.
 *
 * <p>Pure function of its arguments; not thread-bound.
 */
public final class SlotAssignment {
    private SlotAssignment() {}

    /** For each vertex id, the slot of each subtask. {@code slots} holds at least the highest parallelism. */
    public static Map<String, Slot[]> assign(JobGraph job, List<Slot> slots) {
        if (slots.size() < job.getMaximumParallelism()) {
            throw new IllegalArgumentException("Job '" + job.getName() + "' needs " + job.getMaximumParallelism()
                    + " slots, got " + slots.size());
        }
        Map<String, Slot[]> placement = new HashMap<>();
        for (JobVertex v : job.getVertices()) {
            Slot[] placed = new Slot[v.getParallelism()];
            boolean[] taken = new boolean[slots.size()];
            Map<TaskExecutorGateway, Integer> perTaskManager = new HashMap<>();
            Slot[] forwardProducers = forwardProducers(v, placement);
            for (int i = 0; i < placed.length; i++) {
                int index = forwardProducers == null ? -1 : slots.indexOf(forwardProducers[i]);
                if (index < 0 || taken[index]) {
                    index = leastUsed(slots, taken, perTaskManager);
                }
                taken[index] = true;
                placed[i] = slots.get(index);
                perTaskManager.merge(placed[i].taskManager(), 1, Integer::sum);
            }
            placement.put(v.getId(), placed);
        }
        return placement;
    }

    /** The slots of the producer of a forward input of {@code v}, or null when it has none. */
    private static Slot[] forwardProducers(JobVertex v, Map<String, Slot[]> placement) {
        for (JobEdge edge : v.getInputs()) {
            Slot[] producers = placement.get(edge.producerId());
            if (edge.pointwise() && producers != null && producers.length == v.getParallelism()) {
                return producers;
            }
        }
        return null;
    }

    private static int leastUsed(List<Slot> slots, boolean[] taken, Map<TaskExecutorGateway, Integer> perTaskManager) {
        int best = -1;
        int bestLoad = Integer.MAX_VALUE;
        for (int s = 0; s < slots.size(); s++) {
            int load = perTaskManager.getOrDefault(slots.get(s).taskManager(), 0);
            if (!taken[s] && load < bestLoad) {
                best = s;
                bestLoad = load;
            }
        }
        return best;
    }
}
