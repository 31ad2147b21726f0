package io.eddy.runtime.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.connector.sink.DiscardingSink;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.DeploymentOptions;
import io.eddy.api.execution.JobClient;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.metrics.Gauge;
import io.eddy.runtime.cluster.ClusterOptions;
import io.eddy.runtime.cluster.JobManagerProcess;
import io.eddy.runtime.cluster.TaskManagerProcess;
import io.eddy.runtime.memory.MemoryManagerOptions;
import io.eddy.runtime.rpc.RpcOptions;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metric, log and configuration routes against a JobManager and a TaskManager talking over
 * real RPC and REST on loopback (in this JVM), running a job with a user metric.
 */
class ObservabilityRestApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private JobManagerProcess jobManager;
    private TaskManagerProcess taskManager;

    private Configuration config() {
        Configuration config = new Configuration();
        config.set(RpcOptions.CLUSTER_SECRET, "test-secret");
        config.set(ClusterOptions.JOBMANAGER_PORT, 0);
        config.set(ClusterOptions.JOBMANAGER_ADDRESS, "127.0.0.1");
        config.set(RestOptions.PORT, 0);
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(ClusterOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(100));
        return config;
    }

    @BeforeEach
    void start() throws Exception {
        jobManager = new JobManagerProcess(config());
        jobManager.start();
        Configuration tm = config();
        tm.set(ClusterOptions.JOBMANAGER_PORT, jobManager.rpcPort());
        tm.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        tm.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("64mb"));
        taskManager = new TaskManagerProcess(tm);
        taskManager.start();
        await(() -> jobManager.jobManager().getFreeSlots() == 2, "the TaskManager's slots");
    }

    @AfterEach
    void stop() {
        if (taskManager != null) {
            taskManager.close();
        }
        if (jobManager != null) {
            jobManager.close();
        }
    }

    /** Counts its records in a user counter and shows a constant user gauge. */
    static final class Measured extends RichMapFunction<Long, Long> {
        private transient io.eddy.api.metrics.Counter seen;

        @Override
        public void open(OpenContext context) {
            var group = getRuntimeContext().getMetricGroup().addGroup("mine");
            seen = group.counter("seen");
            group.gauge("answer", (Gauge<Integer>) () -> 42);
        }

        @Override
        public Long map(Long value) throws Exception {
            seen.inc();
            Thread.sleep(1);
            return value;
        }
    }

    private JobClient startEndlessJob() throws Exception {
        Path jar = dir.resolve("job.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream empty = new JarOutputStream(out)) {
            // the test's classes are on the cluster's classpath already; the jar only has to exist
        }
        Configuration client = new Configuration();
        client.set(DeploymentOptions.TARGET, "remote");
        client.set(DeploymentOptions.JARS, jar.toString());
        client.set(RestOptions.ADDRESS, "127.0.0.1");
        client.set(RestOptions.PORT, jobManager.restPort());
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(client,
                ObservabilityRestApiTest.class.getClassLoader()) {};
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).setParallelism(1)
                .rebalance()
                .map(new Measured()).name("Measured")
                .sinkTo(new DiscardingSink<>());
        return env.executeAsync("measured");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jobManager.restPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static Map<String, String> values(JsonNode list) {
        Map<String, String> values = new HashMap<>();
        list.forEach(m -> values.put(m.path("id").asText(), m.path("value").asText()));
        return values;
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    @Test
    void vertexMetricsNameSubtasksAndOperatorsAndIncludeUserMetrics() throws Exception {
        JobClient job = startEndlessJob();
        String jobId = job.getJobId().toHexString();
        JsonNode plan = json("/jobs/" + jobId + "/plan");
        assertEquals(2, plan.size());
        assertEquals("Measured -> Sink: DiscardingSink", plan.get(1).path("name").asText());
        assertEquals("REBALANCE", plan.get(1).path("inputs").get(0).path("partitioning").asText());
        String vertex = plan.get(1).path("id").asText();
        String metrics = "/jobs/" + jobId + "/vertices/" + vertex + "/metrics";
        await(() -> {
            try {
                Map<String, String> v = values(json(metrics + "?get=0.Measured.mine.seen,1.Measured.mine.seen"));
                return v.size() == 2 && Long.parseLong(v.get("0.Measured.mine.seen")) > 0
                        && Long.parseLong(v.get("1.Measured.mine.seen")) > 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "user counters counting in both subtasks");

        List<String> names = ids(json(metrics));
        for (String expected : List.of("0.numRecordsIn", "1.numRecordsOut", "0.numBytesInPerSecond",
                "1.backPressuredTimeMsPerSecond", "0.busyTimeMsPerSecond", "0.idleTimeMsPerSecond", "1.outPoolUsage",
                "1.inPoolUsage", "1.inputQueueLength",
                "0.Measured.numRecordsIn", "1.Measured.currentInputWatermark", "0.Measured.mine.answer")) {
            assertTrue(names.contains(expected), expected + " in " + names);
        }
        Map<String, String> v = values(json(metrics + "?get=0.Measured.mine.answer,0.numRecordsIn,no.such.metric"));
        assertEquals(2, v.size(), "an unknown name is left out: " + v);
        assertEquals("42", v.get("0.Measured.mine.answer"));
        assertTrue(Long.parseLong(v.get("0.numRecordsIn")) > 0);

        // the source's lag in records: fromSequence(0, Long.MAX_VALUE) has 2^63 numbers, shown saturated, then falling
        String sourceMetrics = "/jobs/" + jobId + "/vertices/" + plan.get(0).path("id").asText() + "/metrics";
        assertTrue(ids(json(sourceMetrics)).containsAll(List.of("0.pendingRecords", "0.currentEmitEventTimeLag")),
                ids(json(sourceMetrics)).toString());
        long pendingBefore = Long.parseLong(values(json(sourceMetrics + "?get=0.pendingRecords")).get("0.pendingRecords"));
        await(() -> {
            try {
                long pending = Long.parseLong(values(json(sourceMetrics + "?get=0.pendingRecords")).get("0.pendingRecords"));
                return pending < pendingBefore && pending > Long.MAX_VALUE - 1_000_000_000L;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "the source's pending records falling as it emits");

        JsonNode watermarks = json("/jobs/" + jobId + "/vertices/" + vertex + "/watermarks");
        List<String> rows = new ArrayList<>();
        watermarks.forEach(w -> rows.add(w.path("subtask").asInt() + " " + w.path("operator").asText() + " "
                + w.path("watermark").asLong()));
        assertEquals(List.of("0 Measured " + Long.MIN_VALUE, "0 Sink: DiscardingSink " + Long.MIN_VALUE,
                "1 Measured " + Long.MIN_VALUE, "1 Sink: DiscardingSink " + Long.MIN_VALUE), rows,
                "a sequence without a watermark strategy has no watermark yet");

        job.cancel().get();
        await(() -> {
            try {
                return json(metrics).isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "the subtasks' metrics gone with the job");
    }

    @Test
    void taskManagerJobManagerAndJobMetricsAndConfiguration() throws Exception {
        String tmId = taskManager.id();
        Map<String, String> tm = values(json("/taskmanagers/" + tmId + "/metrics?get=Status.JVM.Memory.Heap.Used,"
                + "Status.Network.totalMemorySegments,Status.numberOfTaskSlots,Status.Memory.Managed.Total,"
                + "Status.Memory.Managed.Used"));
        assertTrue(Long.parseLong(tm.get("Status.JVM.Memory.Heap.Used")) > 0, tm.toString());
        assertEquals("2", tm.get("Status.numberOfTaskSlots"));
        assertEquals(Long.toString((64 << 20) / (32 << 10)), tm.get("Status.Network.totalMemorySegments"));
        assertEquals(Long.toString(64 << 20), tm.get("Status.Memory.Managed.Total"));
        assertEquals("0", tm.get("Status.Memory.Managed.Used"), "no batch operator holds managed memory");

        Map<String, String> jm = values(json("/jobmanager/metrics?get=Status.numRegisteredTaskManagers,Status.JVM.Threads.Count"));
        assertEquals("1", jm.get("Status.numRegisteredTaskManagers"));
        assertTrue(Integer.parseInt(jm.get("Status.JVM.Threads.Count")) > 0);

        JobClient job = startEndlessJob();
        String jobId = job.getJobId().toHexString();
        List<String> jobMetrics = ids(json("/jobs/" + jobId + "/metrics"));
        assertTrue(jobMetrics.containsAll(List.of("numberOfCompletedCheckpoints", "numRestarts", "uptime",
                "lastCheckpointDuration")), jobMetrics.toString());
        assertEquals("0", values(json("/jobs/" + jobId + "/metrics?get=numRestarts")).get("numRestarts"));
        JsonNode config = json("/jobs/" + jobId + "/config");
        assertEquals(false, config.path("checkpointing").asBoolean(true));
        assertEquals(100, config.path("bufferTimeoutMillis").asLong());
        job.cancel().get();

        JsonNode jmConfig = json("/jobmanager/config");
        assertEquals("******", jmConfig.path("security.cluster-secret").asText());
        assertEquals("127.0.0.1", jmConfig.path("rest.bind-address").asText());
    }

    @Test
    void mistakesAreAnsweredWithTheirReason() throws Exception {
        HttpResponse<String> unknownTm = get("/taskmanagers/nobody/metrics");
        assertEquals(404, unknownTm.statusCode());
        assertEquals("No TaskManager nobody on this cluster (see GET /taskmanagers)",
                JSON.readTree(unknownTm.body()).path("error").asText());
        HttpResponse<String> badJob = get("/jobs/xyz/metrics");
        assertEquals(400, badJob.statusCode());
        HttpResponse<String> noLog = get("/taskmanagers/" + taskManager.id() + "/log");
        assertEquals(404, noLog.statusCode(), "a TaskManager started without the scripts has no log file");
        assertTrue(JSON.readTree(noLog.body()).path("error").asText().contains("-Deddy.log.file"));
    }

    @Test
    void theDashboardIsServedAtTheRootWithRelativeLinksOnly() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<script src=\"app.js\">"), page.body());
        assertTrue(!page.body().contains("src=\"/") && !page.body().contains("href=\"/") && !page.body().contains("http"),
                "only relative URLs, no assets from elsewhere");
        HttpResponse<String> script = get("/app.js");
        assertEquals(200, script.statusCode());
        assertTrue(!script.body().contains("api('/") && !script.body().contains("fetch('/"), "the API is called relatively");
        assertEquals(200, get("/style.css").statusCode());
        JsonNode config = json("/config");
        assertTrue(config.path("version").asText().matches("\\d+\\.\\d+.*"), config.toString());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("No " + what + " after 30 s");
            }
            Thread.sleep(50);
        }
    }
}
