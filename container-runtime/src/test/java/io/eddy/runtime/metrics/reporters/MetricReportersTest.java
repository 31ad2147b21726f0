package io.eddy.runtime.metrics.reporters;

import io.eddy.api.config.Configuration;
import io.eddy.api.metrics.Counter;
import io.eddy.api.metrics.Gauge;
import io.eddy.runtime.metrics.MetricRegistry;
import io.eddy.runtime.metrics.ScopedMetricGroup;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricReportersTest {
    private static Configuration config(Map<String, String> entries) {
        Configuration config = new Configuration();
        entries.forEach(config::setString);
        return config;
    }

    private static String scrape(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static PrometheusReporter prometheus(MetricRegistry registry) {
        return (PrometheusReporter) registry.reporters().stream().filter(r -> r instanceof PrometheusReporter)
                .findFirst().orElseThrow();
    }

    @Test
    void prometheusServesCountersAndGaugesWithTheScopesVariablesAsLabels() throws Exception {
        try (MetricRegistry registry = MetricReporters.createRegistry(config(Map.of(
                "metrics.reporters", "prom", "metrics.reporter.prom.port", "0", "metrics.reporter.prom.host", "127.0.0.1")))) {
            ScopedMetricGroup task = ScopedMetricGroup.taskManager(registry, "h", "tm-1").task("j1", "job", "v1", "Map", 1, 0);
            Counter in = task.counter("numRecordsIn");
            in.inc(42);
            task.gauge("note", (Gauge<String>) () -> "text is left out");
            task.operator("v1#0", "Map").addGroup("user").gauge("queue", (Gauge<Integer>) () -> 7);
            String text = scrape(prometheus(registry).port());
            String labels = "attempt=\"0\",host=\"h\",job_id=\"j1\",job_name=\"job\",subtask_index=\"1\",task_id=\"v1\","
                    + "task_name=\"Map\",tm_id=\"tm-1\"";
            assertTrue(text.contains("# TYPE eddy_taskmanager_job_task_numRecordsIn_total counter"), text);
            assertTrue(text.contains("eddy_taskmanager_job_task_numRecordsIn_total{" + labels + "} 42.0"), text);
            assertTrue(text.contains("# TYPE eddy_taskmanager_job_task_operator_user_queue gauge"), text);
            assertTrue(text.contains("eddy_taskmanager_job_task_operator_user_queue{attempt=\"0\",host=\"h\",job_id=\"j1\","
                    + "job_name=\"job\",operator_id=\"v1#0\",operator_name=\"Map\",subtask_index=\"1\",task_id=\"v1\","
                    + "task_name=\"Map\",tm_id=\"tm-1\"} 7.0"), text);
            assertTrue(!text.contains("note"), text);
            in.inc();
            assertTrue(scrape(prometheus(registry).port()).contains("numRecordsIn_total{" + labels + "} 43.0"),
                    "each scrape reads the metric anew");
        }
    }

    @Test
    void aPortRangeGivesEachProcessTheNextFreePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            try (MetricRegistry registry = MetricReporters.createRegistry(config(Map.of("metrics.reporters", "prom",
                    "metrics.reporter.prom.port", port + "-" + Math.min(65535, port + 30))))) {
                int chosen = prometheus(registry).port();
                assertNotEquals(port, chosen);
                assertTrue(chosen > port && chosen <= port + 30, "port " + chosen);
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> MetricReporters.createRegistry(
                    config(Map.of("metrics.reporters", "prom", "metrics.reporter.prom.port", Integer.toString(port)))));
            assertTrue(e.getMessage().contains("no free port in " + port) && e.getMessage().contains(
                    "metrics.reporter.prom.port"), e.getMessage());
        }
    }

    @Test
    void mistakesInTheReporterConfigurationAreNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> MetricReporters.createRegistry(
                config(Map.of("metrics.reporters", "graphite"))));
        assertEquals("Metric reporter 'graphite' has no known type ('graphite'): set metrics.reporter.graphite.type to "
                + "prometheus, jmx or log", unknown.getMessage());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () -> MetricReporters.createRegistry(
                config(Map.of("metrics.reporters", "p", "metrics.reporter.p.type", "prometheus",
                        "metrics.reporter.p.port", "9250-9240"))));
        assertEquals("'9250-9240' is not a port or a port range for metrics.reporter.p.port: write e.g. 9249 or 9249-9259",
                port.getMessage());
    }

    @Test
    void theLogReporterListsEveryValueByIdentifier() throws Exception {
        try (MetricRegistry registry = MetricReporters.createRegistry(config(Map.of("metrics.reporters", "log",
                "metrics.reporter.log.interval", "1 h")))) {
            ScopedMetricGroup task = ScopedMetricGroup.taskManager(registry, "h", "tm-1").task("j1", "job", "v1", "Map", 0, 0);
            task.counter("numRecordsIn").inc(3);
            task.histogram("latency").update(7);
            LogReporter log = (LogReporter) registry.reporters().get(0);
            assertEquals(String.join("\n", "Metrics (2):",
                    "h.taskmanager.tm-1.job.Map.0.latency_count: 1",
                    "h.taskmanager.tm-1.job.Map.0.latency_min: 7",
                    "h.taskmanager.tm-1.job.Map.0.latency_max: 7",
                    "h.taskmanager.tm-1.job.Map.0.latency_mean: 7.0",
                    "h.taskmanager.tm-1.job.Map.0.latency_p50: 7.0",
                    "h.taskmanager.tm-1.job.Map.0.latency_p95: 7.0",
                    "h.taskmanager.tm-1.job.Map.0.latency_p99: 7.0",
                    "h.taskmanager.tm-1.job.Map.0.numRecordsIn: 3"), log.render());
        }
    }

    @Test
    void jmxRegistersEachMetricAsAnMBeanUntilItsGroupCloses() throws Exception {
        try (MetricRegistry registry = MetricReporters.createRegistry(config(Map.of("metrics.reporters", "jmx",
                "metrics.reporter.jmx.domain", "io.eddy.test")))) {
            ScopedMetricGroup tm = ScopedMetricGroup.taskManager(registry, "h", "tm-jmx");
            ScopedMetricGroup task = tm.task("j1", "job", "v1", "Map", 0, 0);
            task.counter("numRecordsOut").inc(5);
            ObjectName name = new ObjectName("io.eddy.test:scope=taskmanager_job_task,host=\"h\",tm_id=\"tm-jmx\","
                    + "job_id=\"j1\",job_name=\"job\",task_id=\"v1\",task_name=\"Map\",subtask_index=\"0\",attempt=\"0\","
                    + "name=\"numRecordsOut\"");
            assertEquals(5L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Count"));
            task.close();
            assertTrue(!ManagementFactory.getPlatformMBeanServer().isRegistered(name));
        }
    }
}
