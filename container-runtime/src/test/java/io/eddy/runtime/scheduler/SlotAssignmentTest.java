package io.eddy.runtime.scheduler;

import io.eddy.api.config.Configuration;
import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.execution.JobId;
import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.jobgraph.CoLocationGroup;
import io.eddy.runtime.jobgraph.ExchangeMode;
import io.eddy.runtime.jobgraph.JobEdge;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.exchange.PartitionRegistry;
import io.eddy.runtime.resourcemanager.Slot;
import io.eddy.runtime.taskmanager.TaskManager;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where subtasks go: an iteration's subtasks side by side, forward consumers with their producers,
 * everything else spread over TaskManagers.
 */
class SlotAssignmentTest {
    private final TaskManager tm1 = taskManager("tm-1");
    private final TaskManager tm2 = taskManager("tm-2");

    @AfterEach
    void close() {
        tm1.close();
        tm2.close();
    }

    private static TaskManager taskManager(String id) {
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        return new TaskManager(id, config, new PartitionRegistry(),
                io.eddy.runtime.metrics.ScopedMetricGroup.unregisteredTaskManager(id));
    }

    private static JobVertex vertex(String id, int parallelism) {
        return new JobVertex(id, id, parallelism, 128, id.equals("source"), List.of(id), new byte[0]);
    }

    private static void connect(JobVertex producer, JobVertex consumer, boolean pointwise) {
        JobEdge edge = new JobEdge(producer.getId(), consumer.getId(), producer.getOutputs().size(),
                consumer.getInputs().size(), pointwise ? "forward" : "hash", pointwise, ExchangeMode.PIPELINED);
        producer.getOutputs().add(edge);
        consumer.getInputs().add(edge);
    }

    @Test
    void aForwardConsumerSharesItsProducersSlotAndOtherVerticesSpreadOverTheTaskManagers() {
        JobVertex source = vertex("source", 4);
        JobVertex map = vertex("map", 4);
        JobVertex sink = vertex("sink", 2);
        connect(source, map, true);
        connect(map, sink, false);
        JobGraph job = new JobGraph(JobId.generate(), "job", new ExecutionConfig(), List.of(source, map, sink));
        // one TaskManager's slots first: a naive "subtask i into slot i" would put the sink on tm-1 alone
        List<Slot> slots = List.of(new Slot(tm1, 0), new Slot(tm1, 1), new Slot(tm2, 0), new Slot(tm2, 1));

        Map<String, Slot[]> placement = SlotAssignment.assign(job, slots);

        assertArrayEquals(placement.get("source"), placement.get("map"), "each map subtask reads its source in memory");
        assertEquals(List.of(tm1, tm2, tm1, tm2), Arrays.stream(placement.get("source")).map(Slot::taskManager).toList());
        assertEquals(List.of(tm1, tm2), Arrays.stream(placement.get("sink")).map(Slot::taskManager).toList());
        assertEquals(4, Arrays.stream(placement.get("source")).distinct().count(), "one subtask of a vertex per slot");
    }

    @Test
    void aForwardConsumerOfADifferentParallelismIsSpread() {
        JobVertex source = vertex("source", 2);
        JobVertex map = vertex("map", 4);
        connect(source, map, true); // pointwise, but 2 -> 4: not one to one
        JobGraph job = new JobGraph(JobId.generate(), "job", new ExecutionConfig(), List.of(source, map));
        List<Slot> slots = List.of(new Slot(tm1, 0), new Slot(tm2, 0), new Slot(tm1, 1), new Slot(tm2, 1));

        Map<String, Slot[]> placement = SlotAssignment.assign(job, slots);

        assertEquals(List.of(tm1, tm2), Arrays.stream(placement.get("source")).map(Slot::taskManager).toList());
        assertEquals(List.of(tm1, tm2, tm1, tm2), Arrays.stream(placement.get("map")).map(Slot::taskManager).toList());
    }

    /** A TaskManager in a process of its own at {@code location}: only its identity and location matter here. */
    private static TaskExecutorGateway remote(String location) {
        return (TaskExecutorGateway) java.lang.reflect.Proxy.newProxyInstance(SlotAssignmentTest.class.getClassLoader(),
                new Class<?>[] {TaskExecutorGateway.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getLocation", "getId", "toString" -> location;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void eachSubtaskOfAnIterationRunsInOneSlotAndTheSubtasksSpreadOverTheTaskManagers() {
        JobVertex source = vertex("source", 2);
        JobVertex head = vertex("head", 2);
        JobVertex step = vertex("step", 2);
        JobVertex tail = vertex("tail", 2);
        CoLocationGroup iteration = new CoLocationGroup("iteration-1", 2);
        head.setCoLocationGroup(iteration);
        step.setCoLocationGroup(iteration);
        tail.setCoLocationGroup(iteration);
        connect(source, head, false);
        connect(head, step, false);
        connect(step, tail, false);
        JobGraph job = new JobGraph(JobId.generate(), "job", new ExecutionConfig(), List.of(source, head, step, tail));
        TaskExecutorGateway a = remote("host-a:1");
        TaskExecutorGateway b = remote("host-b:1");
        List<Slot> slots = List.of(new Slot(a, 0), new Slot(b, 0));

        Map<String, Slot[]> placement = SlotAssignment.assign(job, slots);

        assertEquals(List.of(a, b), Arrays.stream(placement.get("head")).map(Slot::taskManager).toList());
        assertArrayEquals(placement.get("head"), placement.get("step"), "subtask j of the step function in head j's slot");
        assertArrayEquals(placement.get("head"), placement.get("tail"), "subtask j of the tail in head j's slot");
    }

    @Test
    void aRegionOfAnIterationIsPlacedLikeTheWholeJob() {
        JobVertex head = vertex("head", 2);
        JobVertex step = vertex("step", 2);
        CoLocationGroup iteration = new CoLocationGroup("iteration-1", 2);
        head.setCoLocationGroup(iteration);
        step.setCoLocationGroup(iteration);
        connect(head, step, false);
        JobGraph job = new JobGraph(JobId.generate(), "job", new ExecutionConfig(), List.of(head, step));
        TaskExecutorGateway a = remote("host-a:1");
        TaskExecutorGateway b = remote("host-b:1");
        PipelinedRegions.Region region = PipelinedRegions.of(job).regions().get(0);

        Map<PipelinedRegions.SubtaskId, Slot> placement = SlotAssignment.assignRegion(job, region,
                List.of(new Slot(a, 0), new Slot(b, 0)));

        for (int j = 0; j < 2; j++) {
            assertEquals(placement.get(new PipelinedRegions.SubtaskId("head", j)),
                    placement.get(new PipelinedRegions.SubtaskId("step", j)));
        }
        assertEquals(2, placement.values().stream().map(Slot::taskManager).distinct().count());
    }

    @Test
    void aStepOperatorWiderThanTheIterationRunsOnTheTaskManagersOfItsHeads() {
        JobVertex head = vertex("head", 2);
        JobVertex step = vertex("step", 4);
        CoLocationGroup iteration = new CoLocationGroup("iteration-1", 2);
        head.setCoLocationGroup(iteration);
        step.setCoLocationGroup(iteration);
        connect(head, step, false);
        JobGraph job = new JobGraph(JobId.generate(), "job", new ExecutionConfig(), List.of(head, step));
        TaskExecutorGateway a = remote("host-a:1");
        TaskExecutorGateway b = remote("host-b:1");
        List<Slot> slots = List.of(new Slot(a, 0), new Slot(b, 0), new Slot(a, 1), new Slot(b, 1));

        Map<String, Slot[]> placement = SlotAssignment.assign(job, slots);

        Slot[] heads = placement.get("head");
        Slot[] steps = placement.get("step");
        for (int j = 0; j < 4; j++) {
            assertEquals(heads[j % 2].taskManager(), steps[j].taskManager(), "step subtask " + j);
        }
        assertEquals(4, Arrays.stream(steps).distinct().count(), "one subtask of a vertex per slot");
    }

    @Test
    void aStepOperatorThatCannotShareItsHeadsTaskManagerFailsWithWhatToDo() {
        JobVertex head = vertex("head", 2);
        JobVertex step = vertex("step", 4);
        CoLocationGroup iteration = new CoLocationGroup("iteration-1", 2);
        head.setCoLocationGroup(iteration);
        step.setCoLocationGroup(iteration);
        JobGraph job = new JobGraph(JobId.generate(), "job", new ExecutionConfig(), List.of(head, step));
        TaskExecutorGateway a = remote("host-a:1");
        TaskExecutorGateway b = remote("host-b:1");
        // host-a has one slot: head 0 takes it, and step subtask 2 has nowhere to go beside head 0
        List<Slot> slots = List.of(new Slot(a, 0), new Slot(b, 0), new Slot(b, 1), new Slot(b, 2));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SlotAssignment.assign(job, slots));
        assertTrue(e.getMessage().contains("'step' with parallelism 4 in iteration-1 of parallelism 2"), e.getMessage());
        assertTrue(e.getMessage().contains("host-a:1 has no slot left"), e.getMessage());
    }
}
