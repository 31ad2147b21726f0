package io.eddy.testutils.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.runtime.cluster.JobManagerProcess;
import io.eddy.runtime.cluster.TaskManagerProcess;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A standalone cluster for tests: a JobManager and TaskManagers as separate JVMs, started the way
 * the bin/ scripts start them (main class, {@code EDDY_CONF_DIR}, log file) with this JVM's class
 * path, so they have every module the tests have (hdfs-state included); job classes come in the
 * jar a job is submitted with. No cluster secret is configured: the processes share the generated
 * {@code .cluster-secret}. Logs go to the cluster's directory, whose tail {@link #logs()} shows.
 */
public final class ProcessCluster implements AutoCloseable {
    /** Long: on a shared, busy test machine three JVMs may take half a minute to start and register. */
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Pattern TASK_MANAGER_STARTED = Pattern.compile("TaskManager (\\S+) started");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dir;
    private final Path confDir;
    private final int rpcPort;
    private final int restPort;
    private final String address;
    private final Process jobManager;
    /** The TaskManagers started, in start order; killed ones stay until {@link #keepTaskManagers}. */
    private final List<TaskManager> taskManagers = new ArrayList<>();
    private int startedTaskManagers;

    public record TaskManager(Process process, Path log) {
        /** The id the TaskManager logged at its start. */
        public String id() throws IOException {
            Matcher started = TASK_MANAGER_STARTED.matcher(Files.readString(log));
            assertTrue(started.find(), "no start line in " + log);
            return started.group(1);
        }
    }

    /** Writes the configuration into {@code dir}/conf and starts the JobManager. */
    public ProcessCluster(Path dir, int slotsPerTaskManager) throws IOException {
        this.dir = dir;
        confDir = Files.createDirectories(dir.resolve("conf"));
        rpcPort = freePort();
        restPort = freePort();
        address = "127.0.0.1:" + restPort;
        Files.writeString(confDir.resolve("eddy-conf.yaml"), String.join("\n",
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + rpcPort,
                "rest.port: " + restPort,
                "rest.bind-address: 127.0.0.1",
                "taskmanager.host: 127.0.0.1",
                "taskmanager.numberOfTaskSlots: " + slotsPerTaskManager,
                "heartbeat.interval: 200 ms",
                // a killed process is noticed at once by its closed connection; the timeout is for hung
                // ones, and long enough that a busy test machine does not fake one
                "heartbeat.timeout: 10 s",
                ""));
        Files.writeString(confDir.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = File",
                "appender.file.type = File",
                "appender.file.name = File",
                "appender.file.fileName = ${sys:eddy.log.file}",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d %-5level [%t] %c - %msg%n",
                ""));
        jobManager = startProcess(JobManagerProcess.class, jobManagerLog());
    }

    public Path confDir() {
        return confDir;
    }

    public int rpcPort() {
        return rpcPort;
    }

    public int restPort() {
        return restPort;
    }

    /** host:port of the REST API, as {@code eddy -m} takes it. */
    public String address() {
        return address;
    }

    public Path jobManagerLog() {
        return dir.resolve("jobmanager.log");
    }

    public boolean jobManagerAlive() {
        return jobManager.isAlive();
    }

    /** The TaskManagers started, in start order; killed ones stay until {@link #keepTaskManagers}. */
    public List<TaskManager> taskManagers() {
        return List.copyOf(taskManagers);
    }

    public TaskManager startTaskManager() throws IOException {
        Path log = dir.resolve("taskmanager-" + ++startedTaskManagers + ".log");
        TaskManager tm = new TaskManager(startProcess(TaskManagerProcess.class, log), log);
        taskManagers.add(tm);
        return tm;
    }

    /** Forgets dead TaskManagers and starts new ones until {@code count} live ones are registered. */
    public void keepTaskManagers(int count) throws Exception {
        taskManagers.removeIf(tm -> !tm.process().isAlive());
        while (taskManagers.size() < count) {
            startTaskManager();
        }
        awaitTaskManagers(count);
    }

    /** A JVM running {@code mainClass} with this JVM's class path and --add-opens flags. */
    private Process startProcess(Class<?> mainClass, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-Xmx256m");
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens"))
                .forEach(command::add);
        command.add("-Dlog4j2.configurationFile=" + confDir.resolve("log4j2.properties"));
        command.add("-Deddy.log.file=" + log);
        command.add("-Deddy.out.file=" + log + ".out");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Path.of(log + ".out").toFile());
        builder.environment().put("EDDY_CONF_DIR", confDir.toString());
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** GET {@code path} from the REST API; fails unless it answers 200. */
    public JsonNode rest(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    public void awaitTaskManagers(int count) throws Exception {
        await(() -> {
            try {
                return rest("/overview").path("taskManagers").asInt() == count;
            } catch (IOException e) {
                return false; // the JobManager is still starting
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, count + " TaskManagers registered");
    }

    /** The id of the newest job named {@code name} once it is RUNNING. */
    public String awaitRunningJob(String name) throws Exception {
        String[] jobId = new String[1];
        await(() -> {
            try {
                for (JsonNode job : rest("/jobs")) {
                    if (job.path("name").asText().equals(name) && job.path("status").asText().equals("RUNNING")) {
                        jobId[0] = job.path("jobId").asText();
                        return true;
                    }
                }
                return false;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "running job '" + name + "'");
        return jobId[0];
    }

    /** Polls {@code condition}; fails naming {@code what} and the processes' logs if it does not hold in time. */
    public void await(BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (!jobManager.isAlive()) {
                throw new AssertionError("The JobManager died while waiting for " + what + ":\n" + logs());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No " + what + " after " + DEADLINE.toSeconds() + " s:\n" + logs());
            }
            Thread.sleep(50);
        }
    }

    /** The last lines of every process's log and .out file. */
    public String logs() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().contains(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                text.append("--- ").append(file.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> text.append(l).append('\n'));
            }
        }
        return text.toString();
    }

    /** Kills every process (SIGKILL) and waits for them to go. */
    @Override
    public void close() throws InterruptedException {
        List<Process> all = new ArrayList<>();
        taskManagers.forEach(tm -> all.add(tm.process()));
        all.add(jobManager);
        all.forEach(Process::destroyForcibly);
        for (Process process : all) {
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
