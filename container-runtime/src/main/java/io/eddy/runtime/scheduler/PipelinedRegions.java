package io.eddy.runtime.scheduler;

import io.eddy.runtime.deployment.EdgeWiring;
import io.eddy.runtime.jobgraph.JobEdge;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The pipelined regions of a job: its subtasks grouped into the components connected by pipelined
 * channels (each producer subtask with the consumer subtasks it writes to over a
 * {@link io.eddy.runtime.jobgraph.ExchangeMode#PIPELINED pipelined} edge). The subtasks of a
 * region must run at the same time, since they exchange data while it is produced; a region starts
 * once the regions it reads over blocking edges (its producers) have finished, and it is the unit
 * that restarts after a failure. The subtasks of a {@link io.eddy.runtime.jobgraph.CoLocationGroup}
 * (an iteration, whose heads wait for each other at every superstep) are one region however they are
 * connected. A job without blocking edges is one region per connected part of
 * its graph, which is how streaming jobs have always run.
 *
 * <p>Invariants checked at construction: no blocking edge connects two subtasks of one region, and
 * the regions' producer relation has no cycle. Regions are listed in topological order (producers
 * first). Immutable; a pure function of the job graph.
 */
public final class PipelinedRegions {
    /** Subtask {@code subtask} of vertex {@code vertexId}. */
    public record SubtaskId(String vertexId, int subtask) {}

    /** One region: its subtasks, and the regions it reads over blocking edges and that read it. */
    public static final class Region {
        private final int index;
        private final List<SubtaskId> subtasks = new ArrayList<>();
        private final Set<Region> producers = new LinkedHashSet<>();
        private final Set<Region> consumers = new LinkedHashSet<>();

        private Region(int index) {
            this.index = index;
        }

        /** Position in topological order. */
        public int index() {
            return index;
        }

        public List<SubtaskId> subtasks() {
            return Collections.unmodifiableList(subtasks);
        }

        /** The regions whose blocking results it reads: all must have finished before it starts. */
        public Set<Region> producers() {
            return Collections.unmodifiableSet(producers);
        }

        /** The regions that read its blocking results. */
        public Set<Region> consumers() {
            return Collections.unmodifiableSet(consumers);
        }

        /**
         * The slots it needs at once: subtasks of different vertices share a slot, so the largest
         * number of its subtasks of one vertex.
         */
        public int slotsNeeded() {
            Map<String, Integer> perVertex = new HashMap<>();
            int max = 0;
            for (SubtaskId s : subtasks) {
                max = Math.max(max, perVertex.merge(s.vertexId(), 1, Integer::sum));
            }
            return max;
        }

        @Override
        public String toString() {
            return "region " + index + " " + subtasks;
        }
    }

    private final List<Region> regions;
    private final Map<SubtaskId, Region> bySubtask;

    private PipelinedRegions(List<Region> regions, Map<SubtaskId, Region> bySubtask) {
        this.regions = regions;
        this.bySubtask = bySubtask;
    }

    /** Whether any edge of {@code job} is blocking: only then is it scheduled region by region. */
    public static boolean hasBlockingEdges(JobGraph job) {
        return job.getVertices().stream().flatMap(v -> v.getInputs().stream()).anyMatch(JobEdge::isBlocking);
    }

    /**
     * The regions of {@code job}.
     *
     * @throws IllegalArgumentException when a blocking edge lies inside a region, or regions read
     *     each other in a cycle: such a job could never start
     */
    public static PipelinedRegions of(JobGraph job) {
        // union-find over the subtasks, joined along pipelined channels
        Map<SubtaskId, Integer> ids = new HashMap<>();
        List<SubtaskId> all = new ArrayList<>();
        for (JobVertex v : job.getVertices()) {
            for (int i = 0; i < v.getParallelism(); i++) {
                SubtaskId s = new SubtaskId(v.getId(), i);
                ids.put(s, all.size());
                all.add(s);
            }
        }
        int[] parent = new int[all.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        forEachChannel(job, false, (producer, consumer) -> union(parent, ids.get(producer), ids.get(consumer)));
        // a co-location group (an iteration) runs as one: its heads align at every superstep
        Map<String, Integer> groups = new HashMap<>();
        for (JobVertex v : job.getVertices()) {
            if (v.getCoLocationGroup() != null) {
                for (int i = 0; i < v.getParallelism(); i++) {
                    int member = ids.get(new SubtaskId(v.getId(), i));
                    union(parent, groups.computeIfAbsent(v.getCoLocationGroup().id(), g -> member), member);
                }
            }
        }

        Map<Integer, List<SubtaskId>> components = new HashMap<>();
        List<Integer> rootsInOrder = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            int root = find(parent, i);
            components.computeIfAbsent(root, r -> {
                rootsInOrder.add(r);
                return new ArrayList<>();
            }).add(all.get(i));
        }
        // regions in first-subtask order (vertices are topological), then ordered by their producers
        Map<Integer, Integer> componentIndex = new HashMap<>();
        for (int i = 0; i < rootsInOrder.size(); i++) {
            componentIndex.put(rootsInOrder.get(i), i);
        }
        List<Set<Integer>> producers = new ArrayList<>();
        for (int i = 0; i < rootsInOrder.size(); i++) {
            producers.add(new LinkedHashSet<>());
        }
        List<String> violations = new ArrayList<>();
        forEachChannel(job, true, (producer, consumer) -> {
            int from = componentIndex.get(find(parent, ids.get(producer)));
            int to = componentIndex.get(find(parent, ids.get(consumer)));
            if (from == to) {
                violations.add(producer + " -> " + consumer);
            } else {
                producers.get(to).add(from);
            }
        });
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("Job '" + job.getName() + "' has blocking channels inside a pipelined "
                    + "region, which could never start: " + violations.subList(0, Math.min(3, violations.size())));
        }
        List<Integer> order = topologicalOrder(producers, job.getName());

        List<Region> regions = new ArrayList<>();
        Map<Integer, Region> byComponent = new HashMap<>();
        Map<SubtaskId, Region> bySubtask = new HashMap<>();
        for (int component : order) {
            Region r = new Region(regions.size());
            r.subtasks.addAll(components.get(rootsInOrder.get(component)));
            r.subtasks.forEach(s -> bySubtask.put(s, r));
            regions.add(r);
            byComponent.put(component, r);
        }
        for (int component : order) {
            Region r = byComponent.get(component);
            for (int p : producers.get(component)) {
                r.producers.add(byComponent.get(p));
                byComponent.get(p).consumers.add(r);
            }
        }
        return new PipelinedRegions(List.copyOf(regions), bySubtask);
    }

    /** All regions, producers before their consumers. */
    public List<Region> regions() {
        return regions;
    }

    public Region regionOf(String vertexId, int subtask) {
        return bySubtask.get(new SubtaskId(vertexId, subtask));
    }

    /** The slots the job needs to run at all: those of its largest region. */
    public int slotsNeeded() {
        return regions.stream().mapToInt(Region::slotsNeeded).max().orElse(1);
    }

    /** {@code regions} and every region that reads their results, directly or further down. */
    public static Set<Region> withConsumers(Set<Region> regions) {
        Set<Region> result = new LinkedHashSet<>();
        ArrayDeque<Region> todo = new ArrayDeque<>(regions);
        while (!todo.isEmpty()) {
            Region r = todo.poll();
            if (result.add(r)) {
                todo.addAll(r.consumers);
            }
        }
        return result;
    }

    private interface ChannelVisitor {
        void visit(SubtaskId producer, SubtaskId consumer);
    }

    /** Calls {@code visitor} for every producer-consumer pair of the blocking or of the pipelined edges. */
    private static void forEachChannel(JobGraph job, boolean blocking, ChannelVisitor visitor) {
        for (JobVertex consumer : job.getVertices()) {
            for (JobEdge edge : consumer.getInputs()) {
                if (edge.isBlocking() != blocking) {
                    continue;
                }
                int producers = job.getVertex(edge.producerId()).getParallelism();
                for (int c = 0; c < consumer.getParallelism(); c++) {
                    for (int p : EdgeWiring.producersOf(c, producers, consumer.getParallelism(), edge.pointwise())) {
                        visitor.visit(new SubtaskId(edge.producerId(), p), new SubtaskId(consumer.getId(), c));
                    }
                }
            }
        }
    }

    private static List<Integer> topologicalOrder(List<Set<Integer>> producers, String jobName) {
        int n = producers.size();
        int[] missing = new int[n];
        List<List<Integer>> consumers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            consumers.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            missing[i] = producers.get(i).size();
            for (int p : producers.get(i)) {
                consumers.get(p).add(i);
            }
        }
        List<Integer> order = new ArrayList<>();
        // smallest ready index first keeps the order close to the vertices' topological order
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (missing[i] == 0) {
                ready.add(i);
            }
        }
        while (!ready.isEmpty()) {
            int r = ready.poll();
            order.add(r);
            for (int c : consumers.get(r)) {
                if (--missing[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() != n) {
            throw new IllegalArgumentException("Job '" + jobName + "' has pipelined regions that read each other's "
                    + "blocking results in a cycle, so none of them could start");
        }
        return order;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
