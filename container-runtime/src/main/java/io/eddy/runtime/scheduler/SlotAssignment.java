package io.eddy.runtime.scheduler;

import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.jobgraph.CoLocationGroup;
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
 * <p>Co-location comes first: subtask <i>j</i> of a vertex of a {@link CoLocationGroup} (an
 * iteration) goes into the slot of subtask <i>j</i> of the group's first placed vertex (its anchor,
 * the iteration's head), or, when that slot holds a subtask of the vertex already (the vertex has
 * more subtasks than the anchor), into another slot of the anchor's TaskManager; a placement that
 * cannot do so fails with what to do. The anchor itself spreads over the TaskManagers like any vertex.
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
        Map<String, Slot[]> anchors = new HashMap<>();
        for (JobVertex v : job.getVertices()) {
            Slot[] placed = new Slot[v.getParallelism()];
            boolean[] taken = new boolean[slots.size()];
            Map<TaskExecutorGateway, Integer> perTaskManager = new HashMap<>();
            Slot[] forwardProducers = forwardProducers(v, placement);
            CoLocationGroup group = v.getCoLocationGroup();
            Slot[] anchor = group == null ? null : anchors.get(group.id());
            for (int i = 0; i < placed.length; i++) {
                int index;
                if (anchor != null) {
                    index = coLocated(slots, taken, anchor[i % anchor.length]);
                    if (index < 0) {
                        throw doesNotFit(job, v, anchor[i % anchor.length]);
                    }
                } else {
                    index = forwardProducers == null ? -1 : slots.indexOf(forwardProducers[i]);
                    if (index < 0 || taken[index]) {
                        index = leastUsed(slots, taken, perTaskManager);
                    }
                }
                taken[index] = true;
                placed[i] = slots.get(index);
                perTaskManager.merge(placed[i].taskManager(), 1, Integer::sum);
            }
            if (group != null && anchor == null) {
                anchors.put(group.id(), placed);
            }
            placement.put(v.getId(), placed);
        }
        return placement;
    }

    /**
     * The index of the slot for a subtask co-located with {@code anchor}: that slot, or another of its
     * TaskManager, whichever is not {@code taken} by the vertex; -1 when none is left.
     */
    private static int coLocated(List<Slot> slots, boolean[] taken, Slot anchor) {
        int index = slots.indexOf(anchor);
        if (index >= 0 && !taken[index]) {
            return index;
        }
        for (int s = 0; s < slots.size(); s++) {
            if (!taken[s] && slots.get(s).taskManager() == anchor.taskManager()) {
                return s;
            }
        }
        return -1;
    }

    private static IllegalArgumentException doesNotFit(JobGraph job, JobVertex v, Slot anchor) {
        return new IllegalArgumentException("Job '" + job.getName() + "' runs '" + v.getName() + "' with parallelism "
                + v.getParallelism() + " in " + v.getCoLocationGroup().id() + " of parallelism "
                + v.getCoLocationGroup().parallelism() + ": its subtasks share the TaskManagers of the iteration's subtasks, "
                + "and TaskManager " + anchor.taskManager().getId() + " at " + anchor.taskManager().getLocation()
                + " has no slot left for another of them. Give the step function's operations no higher parallelism "
                + "than the iteration's, or give the TaskManagers more slots (taskmanager.numberOfTaskSlots).");
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
        while (chosen.size() < needed) {
            int index = leastUsed(free, taken, perTaskManager);
            taken[index] = true;
            chosen.add(free.get(index));
            perTaskManager.merge(free.get(index).taskManager(), 1, Integer::sum);
        }
        Map<PipelinedRegions.SubtaskId, Slot> placement = new HashMap<>();
        Map<String, Slot[]> anchors = new HashMap<>();
        for (JobVertex v : job.getVertices()) {
            List<PipelinedRegions.SubtaskId> ofVertex = region.subtasks().stream()
                    .filter(s -> s.vertexId().equals(v.getId())).toList();
            if (ofVertex.isEmpty()) {
                continue;
            }
            CoLocationGroup group = v.getCoLocationGroup();
            Slot[] anchor = group == null ? null : anchors.get(group.id());
            Set<Slot> usedByVertex = new HashSet<>();
            for (PipelinedRegions.SubtaskId s : ofVertex) {
                Slot slot;
                if (anchor != null) {
                    Slot at = anchor[s.subtask() % anchor.length];
                    slot = !usedByVertex.contains(at) ? at : free.stream()
                            .filter(f -> f.taskManager() == at.taskManager() && !usedByVertex.contains(f))
                            .findFirst().orElse(null);
                    if (slot == null) {
                        return null; // another subtask of the iteration has to free a slot of that TaskManager
                    }
                } else {
                    slot = forwardProducer(v, s.subtask(), placement);
                    if (slot == null || usedByVertex.contains(slot)) {
                        slot = chosen.stream().filter(c -> !usedByVertex.contains(c)).findFirst().orElseThrow();
                    }
                }
                usedByVertex.add(slot);
                placement.put(s, slot);
            }
            if (group != null && anchor == null) {
                Slot[] placed = new Slot[v.getParallelism()];
                ofVertex.forEach(s -> placed[s.subtask()] = placement.get(s));
                anchors.put(group.id(), placed);
            }
        }
        return placement;
    }

    /** Why {@link #assignRegion} finds no place for {@code region} even in all of the job's slots. */
    public static String whyRegionDoesNotFit(JobGraph job, PipelinedRegions.Region region) {
        for (JobVertex v : job.getVertices()) {
            CoLocationGroup group = v.getCoLocationGroup();
            if (group != null && v.getParallelism() > group.parallelism()
                    && region.subtasks().stream().anyMatch(s -> s.vertexId().equals(v.getId()))) {
                return "'" + v.getName() + "' runs with parallelism " + v.getParallelism() + " in " + group.id()
                        + " of parallelism " + group.parallelism() + ", and its subtasks must share the TaskManagers of the "
                        + "iteration's subtasks, which have too few slots for them. Give the step function's operations "
                        + "no higher parallelism than the iteration's, or give the TaskManagers more slots "
                        + "(taskmanager.numberOfTaskSlots).";
            }
        }
        return "its subtasks need " + region.slotsNeeded() + " slots at once.";
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
