package io.eddy.runtime.scheduler;

import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.jobgraph.JobEdge;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.resourcemanager.Slot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places the subtasks of a job into its slots. Slots are shared: a slot hosts at most one subtask of
 * each vertex, so a job needs as many slots as its highest parallelism, whichever slots it got.
 * Vertices are placed in topological order. A subtask fed by a forward edge (pointwise, equal
 * parallelism) goes into the slot of the producer subtask it reads, so the records stay in memory;
 * any other subtask goes to the TaskManager that hosts the fewest subtasks of its vertex so far
 * (ties: the earliest slot), which spreads a vertex over the cluster.
 *
 * <p>The vertices of an iteration ({@link JobVertex#getIteration()}) go to one process, where their
 * tasks meet: one TaskManager process, or this JVM's TaskManagers ("in-process", e.g. an embedded
 * cluster); a placement that cannot keep them together fails with what to do.
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
        Map<String, String> iterationProcesses = new HashMap<>();
        for (JobVertex v : job.getVertices()) {
            Slot[] placed = new Slot[v.getParallelism()];
            boolean[] taken = new boolean[slots.size()];
            Map<TaskExecutorGateway, Integer> perTaskManager = new HashMap<>();
            Slot[] forwardProducers = forwardProducers(v, placement);
            if (v.getIteration() != null) {
                // slots elsewhere count as taken: the iteration's subtasks stay in its process
                String process = iterationProcesses.computeIfAbsent(v.getIteration(), i -> largestProcess(slots));
                for (int s = 0; s < slots.size(); s++) {
                    taken[s] = !slots.get(s).taskManager().getLocation().equals(process);
                }
                forwardProducers = null;
            }
            for (int i = 0; i < placed.length; i++) {
                int index = forwardProducers == null ? -1 : slots.indexOf(forwardProducers[i]);
                if (index < 0 || taken[index]) {
                    index = leastUsed(slots, taken, perTaskManager);
                }
                if (index < 0) {
                    throw iterationDoesNotFit(job, v);
                }
                taken[index] = true;
                placed[i] = slots.get(index);
                perTaskManager.merge(placed[i].taskManager(), 1, Integer::sum);
            }
            placement.put(v.getId(), placed);
        }
        return placement;
    }

    /**
     * Places the subtasks of one pipelined region into {@code free} slots (those no running subtask
     * holds), or returns null when fewer than it needs are free. The region takes
     * {@link PipelinedRegions.Region#slotsNeeded()} of them, spread over the TaskManagers; within them
     * a subtask goes where the subtask it reads over a forward edge of the region runs, as in
     * {@link #assign}.
     */
    public static Map<PipelinedRegions.SubtaskId, Slot> assignRegion(JobGraph job, PipelinedRegions.Region region,
            List<Slot> free) {
        int needed = region.slotsNeeded();
        if (free.size() < needed) {
            return null;
        }
        List<Slot> chosen = new ArrayList<>();
        boolean[] taken = new boolean[free.size()];
        Map<TaskExecutorGateway, Integer> perTaskManager = new HashMap<>();
        String iteration = region.subtasks().stream().map(s -> job.getVertex(s.vertexId()).getIteration())
                .filter(i -> i != null).findFirst().orElse(null);
        if (iteration != null) {
            // an iteration's region goes to one process: the one with the most free slots
            String process = largestProcess(free);
            chosen.addAll(free.stream().filter(s -> s.taskManager().getLocation().equals(process)).limit(needed).toList());
            if (chosen.size() < needed) {
                return null;
            }
        }
        while (chosen.size() < needed) {
            int index = leastUsed(free, taken, perTaskManager);
            taken[index] = true;
            chosen.add(free.get(index));
            perTaskManager.merge(free.get(index).taskManager(), 1, Integer::sum);
        }
        Map<PipelinedRegions.SubtaskId, Slot> placement = new HashMap<>();
        for (JobVertex v : job.getVertices()) {
            Set<Slot> usedByVertex = new HashSet<>();
            List<PipelinedRegions.SubtaskId> ofVertex = region.subtasks().stream()
                    .filter(s -> s.vertexId().equals(v.getId())).toList();
            for (PipelinedRegions.SubtaskId s : ofVertex) {
                Slot slot = forwardProducer(v, s.subtask(), placement);
                if (slot == null || usedByVertex.contains(slot)) {
                    slot = chosen.stream().filter(c -> !usedByVertex.contains(c)).findFirst().orElseThrow();
                }
                usedByVertex.add(slot);
                placement.put(s, slot);
            }
        }
        return placement;
    }

    /** The process (TaskManager location) with the most of {@code slots}. */
    private static String largestProcess(List<Slot> slots) {
        Map<String, Integer> count = new HashMap<>();
        slots.forEach(s -> count.merge(s.taskManager().getLocation(), 1, Integer::sum));
        return count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
    }

    private static IllegalArgumentException iterationDoesNotFit(JobGraph job, JobVertex v) {
        return new IllegalArgumentException("Job '" + job.getName() + "' runs an iteration with parallelism "
                + v.getParallelism() + ", whose tasks must share one TaskManager process, but none has that many slots: "
                + "give the TaskManagers at least " + v.getParallelism() + " slots (taskmanager.numberOfTaskSlots) or "
                + "lower the iteration's parallelism.");
    }

    /** The slot of the subtask that feeds subtask {@code subtask} of {@code v} over a forward edge, if placed. */
    private static Slot forwardProducer(JobVertex v, int subtask, Map<PipelinedRegions.SubtaskId, Slot> placement) {
        for (JobEdge edge : v.getInputs()) {
            if (edge.pointwise() && !edge.isBlocking()) {
                Slot producer = placement.get(new PipelinedRegions.SubtaskId(edge.producerId(), subtask));
                if (producer != null) {
                    return producer;
                }
            }
        }
        return null;
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
