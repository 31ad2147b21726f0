package io.eddy.runtime.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.api.execution.JobDetails;
import io.eddy.api.execution.JobId;
import io.eddy.runtime.checkpoint.CheckpointStats;
import io.eddy.runtime.checkpoint.CheckpointStatsSnapshot;
import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.deployment.UserCode;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.jobmanager.JobManager;
import io.eddy.runtime.jobmaster.JobMaster;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;

/**
 * The JobManager's REST API:
 * <pre>
 * GET  /overview                  TaskManagers, slots total and free, jobs by status
 * GET  /taskmanagers              every TaskManager with its slots
 * GET  /jobs                      every job: id, name, status, start, duration
 * POST /jobs                      submits a job ({@link JobSubmission}); answers its id
 * GET  /jobs/:jobId               job details: vertices, records and bytes, backpressure, and each
 *                                 vertex's subtasks with their records, backpressure and TaskManager
 * GET  /jobs/:jobId/exception     the failure: root cause and stack trace
 * GET  /jobs/:jobId/checkpoints   checkpoint statistics: counts, latest completed, savepoint, failed and
 *                                 restored, the recent history with sync/async durations and sizes per subtask
 * POST /jobs/:jobId/cancel        cancels the job
 * POST /jobs/:jobId/savepoints    takes a savepoint, body (optional): {"targetDirectory": "...", "stop": true,
 *                                 "drain": true, "cancelJob": true} (default: 'state.savepoints.dir', the
 *                                 job goes on); answers {"savepoint": "path"} when it is complete. With stop
 *                                 the job stops with it and ends FINISHED; drain (with stop) ends the input
 *                                 first, so that event-time windows fire; with cancelJob the job is then
 *                                 cancelled and ends CANCELED.
 * POST /jars                      uploads a jar (the body); answers its id
 * GET  /jars                      the uploaded jars
 * POST /jars/:jarId/run           runs the jar's main method here; body (optional):
 *                                 {"entryClass": "...", "parallelism": 4, "programArgs": ["--input", "x"]}
 * </pre>
 */
public final class JobManagerRestApi {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final JobManager jobManager;
    private final Path jarDirectory;

    /** @param jarDirectory where submitted jars are kept while their jobs run */
    public JobManagerRestApi(JobManager jobManager, Path jarDirectory) {
        this.jobManager = jobManager;
        this.jarDirectory = jarDirectory;
    }

    /** Adds the routes to {@code server}. */
    public RestServer install(RestServer server) {
        return server
                .route("GET", "/overview", r -> overview())
                .route("GET", "/taskmanagers", r -> taskManagers())
                .route("GET", "/jobs", r -> jobs())
                .route("POST", "/jobs", r -> submit(r.body()))
                .route("GET", "/jobs/:jobId", r -> job(r).details())
                .route("GET", "/jobs/:jobId/exception", r -> exception(job(r)))
                .route("GET", "/jobs/:jobId/checkpoints", r -> checkpoints(job(r)))
                .route("POST", "/jobs/:jobId/cancel", r -> cancel(job(r)))
                .route("POST", "/jobs/:jobId/savepoints", r -> savepoint(job(r), r.body()))
                .route("POST", "/jars", r -> Map.of("jarId", uploadJar(r.body())))
                .route("GET", "/jars", r -> uploadedJars())
                .route("POST", "/jars/:jarId/run", this::runJar);
    }

    private Map<String, Object> overview() {
        List<TaskExecutorGateway> tms = jobManager.getTaskManagers();
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("taskManagers", tms.size());
        overview.put("slotsTotal", tms.stream().mapToInt(TaskExecutorGateway::getNumberOfSlots).sum());
        overview.put("slotsFree", jobManager.getFreeSlots());
        Map<String, Integer> jobsByStatus = new LinkedHashMap<>();
        for (JobMaster job : jobManager.getJobs()) {
            jobsByStatus.merge(job.getStatus().name(), 1, Integer::sum);
        }
        overview.put("jobs", jobsByStatus);
        return overview;
    }

    private List<Map<String, Object>> taskManagers() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (TaskExecutorGateway tm : jobManager.getTaskManagers()) {
            list.add(Map.of("id", tm.getId(), "location", tm.getLocation(), "slots", tm.getNumberOfSlots()));
        }
        return list;
    }

    /** Summaries, newest first. */
    private List<Map<String, Object>> jobs() {
        List<JobDetails> all = new ArrayList<>();
        for (JobMaster job : jobManager.getJobs()) {
            all.add(job.details());
        }
        all.sort(Comparator.comparingLong(JobDetails::startTime).reversed());
        List<Map<String, Object>> list = new ArrayList<>();
        for (JobDetails d : all) {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("jobId", d.jobId());
            job.put("name", d.name());
            job.put("status", d.status().name());
            job.put("startTime", d.startTime());
            job.put("durationMillis", d.durationMillis());
            list.add(job);
        }
        return list;
    }

    private Map<String, String> submit(byte[] body) throws IOException {
        if (body.length == 0) {
            throw RestException.badRequest("POST /jobs needs a job submission (" + JobSubmission.CONTENT_TYPE
                    + ") in its body");
        }
        JobGraph graph;
        UserCode userCode;
        try {
            Path jar = storeJar(JobSubmission.jar(body));
            userCode = new UserCode(classLoaderFor(jar), jar);
            graph = JobSubmission.graph(body, userCode.classLoader());
        } catch (IOException e) {
            throw RestException.badRequest(e.getMessage());
        }
        jobManager.submit(graph, userCode); // a job without enough slots waits for them, then fails
        return Map.of("jobId", graph.getJobId().toHexString());
    }

    private static ClassLoader classLoaderFor(Path jar) {
        try {
            return new URLClassLoader(new URL[] {jar.toUri().toURL()}, JobManagerRestApi.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps the jar on disk, named by content so a resubmitted jar is stored once. */
    private Path storeJar(byte[] jar) {
        try {
            Files.createDirectories(jarDirectory);
            Path file = jarDirectory.resolve("job-" + Integer.toHexString(java.util.Arrays.hashCode(jar)) + "-"
                    + jar.length + ".jar");
            if (!Files.exists(file)) {
                Path temp = Files.createTempFile(jarDirectory, "upload", ".jar");
                Files.write(temp, jar);
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the job's jar in " + jarDirectory, e);
        }
    }

    private String uploadJar(byte[] jar) throws IOException {
        if (jar.length == 0) {
            throw RestException.badRequest("POST /jars needs the jar file as its body");
        }
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            if (in.getNextJarEntry() == null && in.getManifest() == null) {
                throw RestException.badRequest("The uploaded file is not a jar");
            }
        } catch (IOException e) {
            throw RestException.badRequest("The uploaded file is not a jar: " + e.getMessage());
        }
        return storeJar(jar).getFileName().toString();
    }

    private List<String> uploadedJars() throws IOException {
        if (!Files.isDirectory(jarDirectory)) {
            return List.of();
        }
        try (var files = Files.list(jarDirectory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("job-")).sorted().toList();
        }
    }

    private Map<String, String> runJar(RestRequest request) throws Exception {
        String jarId = request.pathParameter("jarId");
        Path jar = jarDirectory.resolve(jarId).normalize();
        if (!jar.getParent().equals(jarDirectory.normalize()) || !Files.isRegularFile(jar)) {
            throw RestException.notFound("No uploaded jar " + jarId + " (see GET /jars)");
        }
        RunRequest run = request.body().length == 0 ? new RunRequest(null, null, List.of())
                : JSON.readValue(request.body(), RunRequest.class);
        if (run.parallelism() != null && run.parallelism() < 1) {
            throw RestException.badRequest("parallelism must be at least 1, was " + run.parallelism());
        }
        String jobId = new JarRunner(jobManager).run(jar, run.entryClass(), run.parallelism(),
                run.programArgs() == null ? List.of() : run.programArgs());
        return Map.of("jobId", jobId);
    }

    /** The body of {@code POST /jars/:jarId/run}. */
    record RunRequest(String entryClass, Integer parallelism, List<String> programArgs) {}

    private JobMaster job(RestRequest request) {
        String id = request.pathParameter("jobId");
        JobId jobId;
        try {
            jobId = JobId.fromHexString(id);
        } catch (IllegalArgumentException e) {
            throw RestException.badRequest("'" + id + "' is not a job id (32 hex digits)");
        }
        JobMaster job = jobManager.getJob(jobId);
        if (job == null) {
            throw RestException.notFound("No job " + id + " on this cluster");
        }
        return job;
    }

    private static Map<String, String> exception(JobMaster job) {
        Throwable failure = job.getFailureCause();
        if (failure == null) {
            return Map.of();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StringWriter trace = new StringWriter();
        root.printStackTrace(new PrintWriter(trace));
        return Map.of("rootCause", root.toString(), "exceptionClass", root.getClass().getName(),
                "message", String.valueOf(root.getMessage()), "stackTrace", trace.toString());
    }

    /**
     * <pre>
     * {"counts": {"completed", "failed", "inProgress", "restored"},
     *  "latest": {"completed", "savepoint", "failed": checkpoint or null,
     *             "restored": {"id", "path", "restoreTimestamp"} or null},
     *  "history": [checkpoint, ...]}                                      newest first
     * checkpoint: {"id", "kind": CHECKPOINT|SAVEPOINT, "status": IN_PROGRESS|COMPLETED|FAILED,
     *  "triggerTimestamp", "durationMillis", "stateSize" (bytes), "acknowledgedSubtasks", "totalSubtasks",
     *  "maxAlignmentMillis", "maxSyncMillis", "maxAsyncMillis", "path", "failureReason",
     *  "subtasks": [{"vertexId", "vertexName", "subtask", "acknowledgeTimestamp", "alignmentMillis",
     *                "syncMillis", "asyncMillis", "stateSize"}]}           in job graph order
     * </pre>
     */
    private static Map<String, Object> checkpoints(JobMaster job) {
        CheckpointStatsSnapshot stats = job.getCheckpointStats();
        List<JobVertex> vertices = job.getJobGraph().getVertices();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("completed", stats.completed());
        counts.put("failed", stats.failed());
        counts.put("inProgress", stats.inProgress());
        counts.put("restored", stats.restored());
        Map<String, Object> latest = new LinkedHashMap<>();
        latest.put("completed", checkpoint(stats.latestCompleted(), vertices));
        latest.put("savepoint", checkpoint(stats.latestSavepoint(), vertices));
        latest.put("failed", checkpoint(stats.latestFailed(), vertices));
        latest.put("restored", stats.latestRestored());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("counts", counts);
        json.put("latest", latest);
        json.put("history", stats.history().stream().map(c -> checkpoint(c, vertices)).toList());
        return json;
    }

    private static Map<String, Object> checkpoint(CheckpointStats c, List<JobVertex> vertices) {
        if (c == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id());
        json.put("kind", c.kind().name());
        json.put("status", c.status().name());
        json.put("triggerTimestamp", c.triggerTimestamp());
        json.put("durationMillis", c.durationMillis());
        json.put("stateSize", c.stateSize());
        json.put("acknowledgedSubtasks", c.acknowledgedSubtasks());
        json.put("totalSubtasks", c.totalSubtasks());
        json.put("maxAlignmentMillis", c.maxAlignmentMillis());
        json.put("maxSyncMillis", c.maxSyncMillis());
        json.put("maxAsyncMillis", c.maxAsyncMillis());
        json.put("path", c.path());
        json.put("failureReason", c.failureReason());
        List<Map<String, Object>> subtasks = new ArrayList<>();
        for (JobVertex v : vertices) {
            for (CheckpointStats.Subtask s : c.subtasks()) { // sorted by subtask within a vertex
                if (s.vertexId().equals(v.getId())) {
                    Map<String, Object> subtask = new LinkedHashMap<>();
                    subtask.put("vertexId", s.vertexId());
                    subtask.put("vertexName", v.getName());
                    subtask.put("subtask", s.subtask());
                    subtask.put("acknowledgeTimestamp", s.acknowledgeTimestamp());
                    subtask.put("alignmentMillis", s.durations().alignmentMillis());
                    subtask.put("syncMillis", s.durations().syncMillis());
                    subtask.put("asyncMillis", s.durations().asyncMillis());
                    subtask.put("stateSize", s.stateSize());
                    subtasks.add(subtask);
                }
            }
        }
        json.put("subtasks", subtasks);
        return json;
    }

    private static Map<String, String> cancel(JobMaster job) {
        job.cancel();
        return Map.of("jobId", job.getJobGraph().getJobId().toHexString(), "status", job.getStatus().name());
    }

    /** The body of {@code POST /jobs/:jobId/savepoints}. */
    record SavepointRequest(String targetDirectory, Boolean stop, Boolean drain, Boolean cancelJob) {}

    private static Map<String, String> savepoint(JobMaster job, byte[] body) throws Exception {
        SavepointRequest request = body.length == 0 ? new SavepointRequest(null, false, false, false)
                : JSON.readValue(body, SavepointRequest.class);
        boolean stop = Boolean.TRUE.equals(request.stop());
        boolean drain = Boolean.TRUE.equals(request.drain());
        boolean cancel = Boolean.TRUE.equals(request.cancelJob());
        if (drain && !stop) {
            throw RestException.badRequest("\"drain\" applies to a stop: send \"stop\": true with it");
        }
        if (stop && cancel) {
            throw RestException.badRequest("\"stop\" and \"cancelJob\" exclude each other: a job either stops with"
                    + " its savepoint (FINISHED) or is cancelled after it (CANCELED)");
        }
        var future = stop ? job.stopWithSavepoint(request.targetDirectory(), drain)
                : cancel ? job.cancelWithSavepoint(request.targetDirectory())
                : job.triggerSavepoint(request.targetDirectory());
        try {
            return Map.of("savepoint", future.get());
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            // refusals and abandoned savepoints say what happened; a file system error needs the context
            throw new RestException(409, cause instanceof IOException || cause.getMessage() == null
                    ? "The savepoint of job " + job.getJobGraph().getJobId() + " failed: " + cause : cause.getMessage());
        }
    }
}
