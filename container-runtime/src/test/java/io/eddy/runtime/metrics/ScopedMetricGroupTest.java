package io.eddy.runtime.metrics;

import io.eddy.api.metrics.Counter;
import io.eddy.api.metrics.Gauge;
import io.eddy.api.metrics.MetricGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopedMetricGroupTest {
    private final MetricRegistry registry = new MetricRegistry();

    @AfterEach
    void close() {
        registry.close();
    }

    private ScopedMetricGroup operator() {
        return ScopedMetricGroup.taskManager(registry, "host1", "tm-1")
                .task("job1", "My Job", "v1", "Map", 2, 0)
                .operator("v1#0", "Map");
    }

    @Test
    void scopesAddTheirVariablesAndIdentifierComponents() {
        ScopedMetricGroup operator = operator();
        assertEquals(Scope.OPERATOR, operator.scope());
        assertEquals(List.of("host", "tm_id", "job_id", "job_name", "task_id", "task_name", "subtask_index", "attempt",
                "operator_id", "operator_name"), List.copyOf(operator.getAllVariables().keySet()));
        assertEquals("2", operator.getAllVariables().get("subtask_index"));
        assertEquals("host1.taskmanager.tm-1.My Job.Map.2.Map.numRecordsIn", operator.getMetricIdentifier("numRecordsIn"));
    }

    @Test
    void userGroupsPrefixTheNameAndKeyValueGroupsAddAVariable() {
        MetricGroup user = operator().addGroup("parser").addGroup("format", "csv");
        Counter invalid = user.counter("invalid");
        invalid.inc(3);
        RegisteredMetric registered = registry.metrics().stream().filter(m -> m.metric() == invalid).findFirst().orElseThrow();
        assertEquals("parser.format.invalid", registered.name());
        assertEquals("csv", registered.group().getAllVariables().get("format"));
        assertEquals(Scope.OPERATOR, registered.group().scope());
        MetricDump dump = registry.dump(g -> true);
        assertEquals(List.of("3"), dump.entries().stream().filter(e -> e.name().equals("parser.format.invalid"))
                .map(MetricDump.Entry::value).toList());
    }

    @Test
    void aNameRegisteredTwiceKeepsTheFirstMetricAndAnotherKindIsRefused() {
        ScopedMetricGroup group = operator();
        Counter first = group.counter("records");
        assertSame(first, group.counter("records"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> group.gauge("records", (Gauge<Integer>) () -> 1));
        assertTrue(e.getMessage().contains("registered already") && e.getMessage().contains("records"), e.getMessage());
    }

    @Test
    void closingATaskGroupRemovesItsMetricsAndItsOperatorsButNotTheTaskManagers() {
        ScopedMetricGroup taskManager = ScopedMetricGroup.taskManager(registry, "host1", "tm-1");
        taskManager.gauge("slots", (Gauge<Integer>) () -> 4);
        ScopedMetricGroup task = taskManager.task("job1", "My Job", "v1", "Map", 0, 0);
        task.counter("numRecordsIn");
        task.operator("v1#0", "Map").counter("numRecordsOut");
        assertEquals(3, registry.metrics().size());
        task.close();
        assertEquals(List.of("slots"), registry.metrics().stream().map(RegisteredMetric::name).toList());
        Counter late = task.counter("late"); // a task that registers while ending: works, unreported
        late.inc();
        assertEquals(1, registry.metrics().size());
    }

    @Test
    void aDumpHoldsTheValuesOfTheGroupsTheFilterAccepts() {
        ScopedMetricGroup taskManager = ScopedMetricGroup.taskManager(registry, "host1", "tm-1");
        taskManager.gauge("slots", (Gauge<Integer>) () -> 4);
        ScopedMetricGroup.taskManager(registry, "host2", "tm-2").gauge("slots", (Gauge<Integer>) () -> 8);
        MetricDump dump = registry.dump(g -> "tm-2".equals(g.getAllVariables().get("tm_id")));
        assertEquals(1, dump.entries().size());
        MetricDump.Entry entry = dump.entries().get(0);
        assertEquals(Map.of("host", "host2", "tm_id", "tm-2"), entry.variables());
        assertEquals("8", entry.value());
    }
}
