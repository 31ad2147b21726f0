package io.eddy.runtime.rest;

import io.eddy.api.config.Configuration;
import io.eddy.api.execution.CheckpointConfig;
import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.execution.JobId;
import io.eddy.runtime.jobgraph.JobEdge;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.jobmanager.JobManager;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.logs.ProcessLogs;
import io.eddy.runtime.metrics.MetricDump;
import io.eddy.runtime.metrics.MetricNames;
import io.eddy.runtime.metrics.Scope;
import io.eddy.runtime.taskmanager.TaskManagerQueryGateway;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The REST routes for metrics, logs and configuration, which the dashboard reads:
 * <pre>
 * GET /jobmanager/metrics[?get=a,b]               the JobManager's metrics: without get the names
 *                                                 [{"id"}], with get the values [{"id", "value"}]
 * GET /jobmanager/config                          the JobManager's configuration (secrets hidden)
 * GET /jobmanager/log, /jobmanager/stdout         the end of its log / stdout file as text;
 *                                                 ?bytes=N how much (default 64 KiB), ?download=true the
 *                                                 whole file (up to 32 MiB) as an attachment
 * GET /taskmanagers/:tmId/metrics[?get=…]          a TaskManager's own metrics (JVM, network memory)
 * GET /taskmanagers/:tmId/log, …/stdout            as for the JobManager, fetched from the TaskManager
 * GET /jobs/:jobId/metrics[?get=…]                 the job's metrics on the JobManager (checkpoints, restarts)
 * GET /jobs/:jobId/vertices/:vertexId/metrics[?get=…]  the vertex's subtask and operator metrics, named
 *                                                 "subtask.name" and "subtask.operator.name", e.g.
 *                                                 "0.numRecordsInPerSecond", "1.Map.currentInputWatermark"
 * GET /jobs/:jobId/vertices/:vertexId/watermarks  [{"subtask", "operator", "watermark"}], the input
 *                                                 watermark of each operator of each subtask
 * GET /jobs/:jobId/exceptions                   the job's failures, newest first: [{"timestamp", "where",
 *                                                 "exception", "restarted"}]
 * GET /jobs/:jobId/plan                           the job graph: vertices with operators and input edges
 * GET /jobs/:jobId/config                         the job's execution and checkpoint configuration
 * </pre>
 * Metric values are text, as reporters see them. Unknown names in {@code get} are left out: a
 * metric appears only once its subtask runs.
 */
public final class ObservabilityRestApi {
    private static final long DEFAULT_LOG_BYTES = 64 << 10;
    private static final long TASK_MANAGER_TIMEOUT_SECONDS = 5;

    private final JobManager jobManager;
    private final Configuration config;

    public ObservabilityRestApi(JobManager jobManager, Configuration config) {
        this.jobManager = jobManager;
        this.config = config;
    }

    public RestServer install(RestServer server) {
        return server
                .route("GET", "/jobmanager/metrics", r -> select(jobManagerMetrics(), r))
                .route("GET", "/jobmanager/config", r -> configuration())
                .route("GET", "/jobmanager/log", r -> log(localLog(ProcessLogs.Kind.LOG, r), r))
                .route("GET", "/jobmanager/stdout", r -> log(localLog(ProcessLogs.Kind.STDOUT, r), r))
                .route("GET", "/taskmanagers/:tmId/metrics", r -> select(taskManagerMetrics(r), r))
                .route("GET", "/taskmanagers/:tmId/log", r -> log(remoteLog(ProcessLogs.Kind.LOG, r), r))
                .route("GET", "/taskmanagers/:tmId/stdout", r -> log(remoteLog(ProcessLogs.Kind.STDOUT, r), r))
                .route("GET", "/jobs/:jobId/metrics", r -> select(jobMetrics(job(r)), r))
                .route("GET", "/jobs/:jobId/vertices/:vertexId/metrics", r -> select(vertexMetrics(r), r))
                .route("GET", "/jobs/:jobId/vertices/:vertexId/watermarks", this::watermarks)
                .route("GET", "/jobs/:jobId/exceptions", r -> job(r).getFailureHistory())
                .route("GET", "/jobs/:jobId/plan", r -> plan(job(r).getJobGraph()))
                .route("GET", "/jobs/:jobId/config", r -> jobConfig(job(r).getJobGraph()));
    }

    // ---------------------------------------------------------------- metrics

    private Map<String, String> jobManagerMetrics() {
        return values(jobManager.getMetricGroup().registry().dump(g -> g.scope() == Scope.JOBMANAGER), e -> e.name());
    }

    private Map<String, String> jobMetrics(JobMaster job) {
        String jobId = job.getJobGraph().getJobId().toHexString();
        return values(jobManager.getMetricGroup().registry().dump(
                g -> g.scope() == Scope.JOB && jobId.equals(g.getAllVariables().get("job_id"))), e -> e.name());
    }

    private Map<String, String> taskManagerMetrics(RestRequest request) throws Exception {
        MetricDump dump = await(taskManager(request).queryMetrics(), "TaskManager " + request.pathParameter("tmId"));
        return values(dump, e -> e.scope() == Scope.TASKMANAGER ? e.name() : null);
    }

    /** The metrics of a vertex's subtasks, from every TaskManager that answers in time. */
    private Map<String, String> vertexMetrics(RestRequest request) {
        JobMaster job = job(request);
        String jobId = job.getJobGraph().getJobId().toHexString();
        String vertexId = vertex(job, request).getId();
        List<CompletableFuture<MetricDump>> dumps = new ArrayList<>();
        for (TaskExecutorGateway tm : jobManager.getTaskManagers()) {
            if (tm instanceof TaskManagerQueryGateway query) {
                dumps.add(query.queryMetrics());
            }
        }
        Map<String, String> values = new TreeMap<>();
        for (CompletableFuture<MetricDump> dump : dumps) {
            try {
                MetricDump answer = dump.get(TASK_MANAGER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                values.putAll(values(answer, e -> {
                    Map<String, String> v = e.variables();
                    if (!jobId.equals(v.get("job_id")) || !vertexId.equals(v.get("task_id"))) {
                        return null;
                    }
                    String subtask = v.get("subtask_index");
                    return e.scope() == Scope.OPERATOR ? subtask + "." + v.get("operator_name") + "." + e.name()
                            : subtask + "." + e.name();
                }));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                // a TaskManager that does not answer shows no figures; the others still do
            }
        }
        return values;
    }

    /** Name → value of the entries {@code naming} names (null leaves an entry out), sorted by name. */
    private static Map<String, String> values(MetricDump dump, java.util.function.Function<MetricDump.Entry, String> naming) {
        Map<String, String> values = new TreeMap<>();
        for (MetricDump.Entry e : dump.entries()) {
            String name = naming.apply(e);
            if (name != null) {
                values.put(name, e.value());
            }
        }
        return values;
    }

    /** Without {@code get}: the names; with it: the values of the names asked for that exist. */
    private static List<Map<String, String>> select(Map<String, String> values, RestRequest request) {
        String get = request.queryParameter("get", null);
        List<Map<String, String>> list = new ArrayList<>();
        if (get == null) {
            values.keySet().forEach(name -> list.add(Map.of("id", name)));
            return list;
        }
        Set<String> wanted = new LinkedHashSet<>(Arrays.asList(get.split(",")));
        for (String name : wanted) {
            String value = values.get(name.strip());
            if (value != null) {
                list.add(Map.of("id", name.strip(), "value", value));
            }
        }
        return list;
    }

    private List<Map<String, Object>> watermarks(RestRequest request) {
        List<Map<String, Object>> list = new ArrayList<>();
        String suffix = "." + MetricNames.INPUT_WATERMARK;
        vertexMetrics(request).forEach((name, value) -> {
            if (name.endsWith(suffix)) {
                String[] parts = name.substring(0, name.length() - suffix.length()).split("\\.", 2);
                if (parts.length == 2) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("subtask", Integer.parseInt(parts[0]));
                    row.put("operator", parts[1]);
                    row.put("watermark", Long.parseLong(value));
                    list.add(row);
                }
            }
        });
        list.sort((a, b) -> Integer.compare((Integer) a.get("subtask"), (Integer) b.get("subtask")));
        return list;
    }

    // ---------------------------------------------------------------- logs

    private static ProcessLogs.Chunk localLog(ProcessLogs.Kind kind, RestRequest request) throws IOException {
        return ProcessLogs.tail(kind, logBytes(request));
    }

    private ProcessLogs.Chunk remoteLog(ProcessLogs.Kind kind, RestRequest request) throws Exception {
        return await(taskManager(request).readLog(kind, logBytes(request)),
                "TaskManager " + request.pathParameter("tmId"));
    }

    private static long logBytes(RestRequest request) {
        if (isDownload(request)) {
            return ProcessLogs.MAX_BYTES;
        }
        String bytes = request.queryParameter("bytes", null);
        try {
            return bytes == null ? DEFAULT_LOG_BYTES : Long.parseLong(bytes);
        } catch (NumberFormatException e) {
            throw RestException.badRequest("bytes must be a number of bytes, was '" + bytes + "'");
        }
    }

    private static boolean isDownload(RestRequest request) {
        return Boolean.parseBoolean(request.queryParameter("download", "false"));
    }

    private static RestResponse log(ProcessLogs.Chunk chunk, RestRequest request) {
        if (chunk.fileName() == null) {
            throw RestException.notFound("This process writes no such file: it was not started by the bin/ scripts "
                    + "(which set -D" + ProcessLogs.LOG_FILE_PROPERTY + ")");
        }
        if (isDownload(request)) {
            return RestResponse.download(chunk.fileName(), chunk.bytes());
        }
        return new RestResponse(200, "text/plain; charset=utf-8", chunk.bytes(),
                Map.of("X-Log-File", chunk.fileName(), "X-Log-Size", Long.toString(chunk.fileSize()),
                        "X-Log-Offset", Long.toString(chunk.offset())));
    }

    // ---------------------------------------------------------------- configuration and plan

    /** The configuration, sorted, with values of keys about secrets and passwords hidden. */
    private Map<String, String> configuration() {
        Map<String, String> shown = new TreeMap<>();
        config.toMap().forEach((key, value) -> {
            String k = key.toLowerCase(Locale.ROOT);
            shown.put(key, k.contains("secret") || k.contains("password") ? "******" : value);
        });
        return shown;
    }

    private static List<Map<String, Object>> plan(JobGraph graph) {
        List<Map<String, Object>> vertices = new ArrayList<>();
        for (JobVertex v : graph.getVertices()) {
            Map<String, Object> vertex = new LinkedHashMap<>();
            vertex.put("id", v.getId());
            vertex.put("name", v.getName());
            vertex.put("parallelism", v.getParallelism());
            vertex.put("operators", v.getOperatorNames());
            List<Map<String, Object>> inputs = new ArrayList<>();
            for (JobEdge e : v.getInputs()) {
                inputs.add(Map.of("producerId", e.producerId(), "partitioning", e.partitioning()));
            }
            vertex.put("inputs", inputs);
            vertices.add(vertex);
        }
        return vertices;
    }

    private static Map<String, Object> jobConfig(JobGraph graph) {
        ExecutionConfig execution = graph.getExecutionConfig();
        CheckpointConfig checkpoints = execution.getCheckpointConfig();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("maxParallelism", graph.getVertices().stream().mapToInt(JobVertex::getMaxParallelism).max().orElse(0));
        json.put("objectReuse", execution.isObjectReuseEnabled());
        json.put("bufferTimeoutMillis", execution.getBufferTimeout());
        json.put("autoWatermarkIntervalMillis", execution.getAutoWatermarkInterval());
        json.put("restartStrategy", String.valueOf(execution.getEffectiveRestartStrategy()));
        json.put("checkpointing", checkpoints.isCheckpointingEnabled());
        if (checkpoints.isCheckpointingEnabled()) {
            json.put("checkpointIntervalMillis", checkpoints.getCheckpointInterval());
            json.put("checkpointingMode", String.valueOf(checkpoints.getCheckpointingMode()));
            json.put("checkpointTimeoutMillis", checkpoints.getCheckpointTimeout());
            json.put("minPauseBetweenCheckpointsMillis", checkpoints.getMinPauseBetweenCheckpoints());
            json.put("maxConcurrentCheckpoints", checkpoints.getMaxConcurrentCheckpoints());
            json.put("tolerableCheckpointFailures", checkpoints.getTolerableCheckpointFailureNumber());
            json.put("checkpointDirectory", checkpoints.getCheckpointDirectory());
            json.put("retainedCheckpoints", checkpoints.getNumRetainedCheckpoints());
        }
        json.put("savepointDirectory", checkpoints.getSavepointDirectory());
        json.put("savepointRestorePath", checkpoints.getSavepointRestorePath());
        return json;
    }

    // ---------------------------------------------------------------- look-ups

    private TaskManagerQueryGateway taskManager(RestRequest request) {
        String id = request.pathParameter("tmId");
        for (TaskExecutorGateway tm : jobManager.getTaskManagers()) {
            if (tm.getId().equals(id) && tm instanceof TaskManagerQueryGateway query) {
                return query;
            }
        }
        throw RestException.notFound("No TaskManager " + id + " on this cluster (see GET /taskmanagers)");
    }

    private JobMaster job(RestRequest request) {
        String id = request.pathParameter("jobId");
        JobMaster job;
        try {
            job = jobManager.getJob(JobId.fromHexString(id));
        } catch (IllegalArgumentException e) {
            throw RestException.badRequest("'" + id + "' is not a job id (32 hex digits)");
        }
        if (job == null) {
            throw RestException.notFound("No job " + id + " on this cluster");
        }
        return job;
    }

    private static JobVertex vertex(JobMaster job, RestRequest request) {
        String id = request.pathParameter("vertexId");
        try {
            return job.getJobGraph().getVertex(id);
        } catch (IllegalArgumentException e) {
            throw RestException.notFound("Job " + job.getJobGraph().getJobId() + " has no vertex " + id
                    + " (see GET /jobs/" + job.getJobGraph().getJobId() + "/plan)");
        }
    }

    private static <T> T await(CompletableFuture<T> answer, String who) throws Exception {
        try {
            return answer.get(TASK_MANAGER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new RestException(504, who + " did not answer within " + TASK_MANAGER_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new RestException(502, who + " could not answer: " + e.getCause().getMessage());
        }
    }
}
