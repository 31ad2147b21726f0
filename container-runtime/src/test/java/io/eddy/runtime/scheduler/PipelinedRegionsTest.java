package io.eddy.runtime.scheduler;

import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.execution.JobId;
import io.eddy.runtime.jobgraph.CoLocationGroup;
import io.eddy.runtime.jobgraph.ExchangeMode;
import io.eddy.runtime.jobgraph.JobEdge;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.scheduler.PipelinedRegions.Region;
import io.eddy.runtime.scheduler.PipelinedRegions.SubtaskId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which subtasks must run together, which wait for which, and which graphs could never start. */
class PipelinedRegionsTest {
    private final List<JobVertex> vertices = new ArrayList<>();

    private JobVertex vertex(String id, int parallelism) {
        JobVertex v = new JobVertex(id, id, parallelism, 128, vertices.isEmpty(), List.of(id), new byte[0]);
        vertices.add(v);
        return v;
    }

    private static void connect(JobVertex producer, JobVertex consumer, boolean pointwise, ExchangeMode mode) {
        JobEdge edge = new JobEdge(producer.getId(), consumer.getId(), producer.getOutputs().size(),
                consumer.getInputs().size(), pointwise ? "forward" : "hash", pointwise, mode);
        producer.getOutputs().add(edge);
        consumer.getInputs().add(edge);
    }

    private JobGraph job() {
        return new JobGraph(JobId.generate(), "test", new ExecutionConfig(), vertices);
    }

    private static List<SubtaskId> subtasks(Object... vertexAndIndex) {
        List<SubtaskId> ids = new ArrayList<>();
        for (int i = 0; i < vertexAndIndex.length; i += 2) {
            ids.add(new SubtaskId((String) vertexAndIndex[i], (Integer) vertexAndIndex[i + 1]));
        }
        return ids;
    }

    @Test
    void aBlockingShuffleSplitsTheJobIntoOneRegionPerSubtaskChain() {
        JobVertex source = vertex("source", 2);
        JobVertex reduce = vertex("reduce", 2);
        JobVertex sink = vertex("sink", 2);
        connect(source, reduce, false, ExchangeMode.BLOCKING);
        connect(reduce, sink, true, ExchangeMode.PIPELINED);

        PipelinedRegions regions = PipelinedRegions.of(job());
        assertEquals(List.of(subtasks("source", 0), subtasks("source", 1), subtasks("reduce", 0, "sink", 0),
                subtasks("reduce", 1, "sink", 1)), regions.regions().stream().map(Region::subtasks).toList());
        Region first = regions.regionOf("source", 0);
        Region second = regions.regionOf("source", 1);
        assertEquals(Set.of(first, second), regions.regionOf("reduce", 1).producers());
        assertEquals(Set.of(regions.regionOf("reduce", 0), regions.regionOf("reduce", 1)), first.consumers());
        assertEquals(1, regions.slotsNeeded(), "each region fits into one slot");
        assertEquals(Set.of(first, regions.regionOf("reduce", 0), regions.regionOf("reduce", 1)),
                PipelinedRegions.withConsumers(Set.of(first)));
    }

    @Test
    void theSubtasksOfAnIterationAreOneRegionEvenWhenOnlyForwardEdgesJoinThem() {
        JobVertex source = vertex("source", 2);
        JobVertex head = vertex("head", 2);
        JobVertex tail = vertex("tail", 2);
        CoLocationGroup iteration = new CoLocationGroup("iteration-1", 2);
        head.setCoLocationGroup(iteration);
        tail.setCoLocationGroup(iteration);
        connect(source, head, true, ExchangeMode.BLOCKING);
        connect(head, tail, true, ExchangeMode.PIPELINED);

        PipelinedRegions regions = PipelinedRegions.of(job());
        // without the group, head j and tail j would be a region of their own, and head 0 could wait at the
        // superstep barrier for head 1 while head 1 waits for a slot that head 0 holds
        assertEquals(List.of(subtasks("source", 0), subtasks("source", 1), subtasks("head", 0, "head", 1, "tail", 0, "tail", 1)),
                regions.regions().stream().map(Region::subtasks).toList());
        assertEquals(2, regions.slotsNeeded());
    }

    @Test
    void aPipelinedJobIsOneRegionNeedingItsHighestParallelism() {
        JobVertex source = vertex("source", 2);
        JobVertex reduce = vertex("reduce", 3);
        connect(source, reduce, false, ExchangeMode.PIPELINED);
        PipelinedRegions regions = PipelinedRegions.of(job());
        assertEquals(1, regions.regions().size());
        assertEquals(5, regions.regions().get(0).subtasks().size());
        assertEquals(3, regions.slotsNeeded());
        assertTrue(regions.regions().get(0).producers().isEmpty());
    }

    @Test
    void aBlockingEdgeInsideARegionIsRefused() {
        // source feeds the join pipelined on one side and blocking on the other: the join would wait for itself
        JobVertex source = vertex("source", 1);
        JobVertex join = vertex("join", 1);
        connect(source, join, false, ExchangeMode.PIPELINED);
        connect(source, join, false, ExchangeMode.BLOCKING);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PipelinedRegions.of(job()));
        assertTrue(e.getMessage().contains("blocking channels inside a pipelined region"), e.getMessage());
    }
}
