package io.eddy.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.DeploymentOptions;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobExecutionResult;
import io.eddy.runtime.cluster.ClusterMessages.Heartbeat;
import io.eddy.runtime.cluster.ClusterMessages.HeartbeatAck;
import io.eddy.runtime.cluster.JobManagerProcess;
import io.eddy.runtime.cluster.TaskManagerProcess;
import io.eddy.runtime.rest.RestOptions;
import io.eddy.runtime.rpc.ClusterSecret;
import io.eddy.runtime.rpc.RpcService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JobManager and two TaskManagers as separate JVMs, started the way the bin/ scripts start them
 * (main class, {@code EDDY_CONF_DIR}, log file), driven through the CLI and the REST API. No
 * cluster secret is configured: the processes share the generated {@code .cluster-secret}.
 */
class MultiProcessClusterITCase {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern TASK_MANAGER_STARTED = Pattern.compile("TaskManager (\\S+) started");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;

    private static Path confDir;
    private static int rpcPort;
    private static int restPort;
    private static String address;
    private static Process jobManager;
    private static final List<TaskManager> taskManagers = new ArrayList<>();
    private static int startedTaskManagers;

    private record TaskManager(Process process, Path log) {
        /** The id the TaskManager logged at its start. */
        String id() throws IOException {
            Matcher started = TASK_MANAGER_STARTED.matcher(Files.readString(log));
            assertTrue(started.find(), "no start line in " + log);
            return started.group(1);
        }
    }

    @BeforeAll
    static void startJobManager() throws Exception {
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
                "taskmanager.numberOfTaskSlots: 1",
                "heartbeat.interval: 200 ms",
                "heartbeat.timeout: 3 s",
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
        jobManager = startProcess(JobManagerProcess.class, dir.resolve("jobmanager.log"));
    }

    @AfterAll
    static void stopProcesses() throws InterruptedException {
        List<Process> all = new ArrayList<>();
        taskManagers.forEach(tm -> all.add(tm.process()));
        if (jobManager != null) {
            all.add(jobManager);
        }
        all.forEach(Process::destroyForcibly);
        for (Process process : all) {
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Every test starts with two live TaskManagers registered, replacing any a failed test left dead. */
    @BeforeEach
    void twoTaskManagers() throws Exception {
        taskManagers.removeIf(tm -> !tm.process().isAlive());
        while (taskManagers.size() < 2) {
            startTaskManager();
        }
        awaitTaskManagers(2);
    }

    private static void startTaskManager() throws IOException {
        Path log = dir.resolve("taskmanager-" + ++startedTaskManagers + ".log");
        taskManagers.add(new TaskManager(startProcess(TaskManagerProcess.class, log), log));
    }

    /** A JVM running {@code mainClass} with this JVM's classpath and --add-opens flags. */
    private static Process startProcess(Class<?> mainClass, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-Xmx256m");
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens"))
                .forEach(command::add);
        command.add("-Dlog4j2.configurationFile=" + confDir.resolve("log4j2.properties"));
        command.add("-Deddy.log.file=" + log);
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

    private static JsonNode rest(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static void awaitTaskManagers(int count) throws Exception {
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

    /** Polls {@code condition}; fails naming {@code what} and the processes' logs if it does not hold in time. */
    private static void await(BooleanSupplier condition, String what) throws Exception {
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

    private static String logs() throws IOException {
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

    private record Result(int code, String out, String err) {
        String lastErrorLine() {
            return err.lines().reduce((a, b) -> b).orElse("");
        }
    }

    private static Result eddy(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new EddyCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Configuration::new).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The programs jar, in its own directory so that concurrent runs do not rewrite each other's jar. */
    private static Path programs(String name, Class<?> mainClass) throws IOException {
        return TestPrograms.jar(Files.createDirectories(dir.resolve(name)), mainClass);
    }

    /** Runs TestPrograms.KeyedSums for 1..n and checks every key's number of updates and final sum. */
    private static void runKeyedSumsAndCheck(String name, int n) throws Exception {
        Path output = dir.resolve(name + "-out");
        Result run = eddy("run", "-m", address, "-p", "2", programs(name, TestPrograms.KeyedSums.class).toString(),
                output.toString(), String.valueOf(n));
        assertEquals(0, run.code(), run.err() + logs());
        Map<Long, Long> finalSums = new TreeMap<>();
        Map<Long, Integer> updates = new TreeMap<>();
        try (Stream<Path> parts = Files.list(output)) {
            for (Path part : parts.toList()) {
                for (String line : Files.readAllLines(part)) {
                    String[] keyAndSum = line.split(" ");
                    long key = Long.parseLong(keyAndSum[0]);
                    finalSums.merge(key, Long.parseLong(keyAndSum[1]), Math::max);
                    updates.merge(key, 1, Integer::sum);
                }
            }
        }
        Map<Long, Long> expectedSums = new TreeMap<>();
        Map<Long, Integer> expectedUpdates = new TreeMap<>();
        for (long x = 1; x <= n; x++) {
            expectedSums.merge(x % 10, x, Long::sum);
            expectedUpdates.merge(x % 10, 1, Integer::sum);
        }
        assertEquals(expectedSums, finalSums);
        assertEquals(expectedUpdates, updates);
    }

    @Test
    void keyedJobAcrossBothTaskManagersThroughTheCli() throws Exception {
        runKeyedSumsAndCheck("sums", 5000);
        assertEquals(2, rest("/overview").path("slotsFree").asInt(), "slots released after the job");
    }

    @Test
    void jobSubmittedOverRestShowsInListAndInfo() throws Exception {
        Configuration client = new Configuration();
        client.set(DeploymentOptions.TARGET, "remote");
        client.set(DeploymentOptions.JARS, programs("rest", null).toString());
        client.set(RestOptions.ADDRESS, "127.0.0.1");
        client.set(RestOptions.PORT, restPort);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(client,
                MultiProcessClusterITCase.class.getClassLoader()) {};
        env.setParallelism(2);
        Path output = dir.resolve("rest-out");
        env.fromSequence(1, 1000).map(x -> x * 3).writeAsText(output.toString());
        JobClient job = env.executeAsync("submitted over rest");
        String jobId = job.getJobId().toHexString();
        JobExecutionResult result = job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        assertEquals(jobId, result.getJobId().toHexString());

        Result list = eddy("list", "-m", address);
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith(jobId) && l.contains("FINISHED")
                && l.endsWith("submitted over rest")), list.out());
        Result info = eddy("info", "-m", address, jobId);
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().startsWith("Job " + jobId + " (submitted over rest): FINISHED"), info.out());
        assertEquals("FINISHED", rest("/jobs/" + jobId).path("status").asText());
    }

    @Test
    void killedTaskManagerFailsTheJobNamingItAndAReplacementRunsTheNextJob() throws Exception {
        Path endless = programs("endless", TestPrograms.Endless.class);
        CompletableFuture<Result> running = CompletableFuture.supplyAsync(
                () -> eddy("run", "-m", address, "-p", "2", endless.toString()));
        String[] jobId = new String[1];
        await(() -> {
            try {
                for (JsonNode job : rest("/jobs")) {
                    if (job.path("name").asText().equals("endless") && job.path("status").asText().equals("RUNNING")) {
                        jobId[0] = job.path("jobId").asText();
                        JsonNode source = rest("/jobs/" + jobId[0]).path("vertices").path(0).path("operators").path(0);
                        return source.path("recordsOut").asLong() > 0;
                    }
                }
                return false;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "endless job producing records");

        TaskManager victim = taskManagers.get(0);
        String victimId = victim.id();
        victim.process().destroyForcibly();

        Result run = running.get(60, TimeUnit.SECONDS);
        assertEquals(EddyCli.FAILED, run.code(), run.err());
        assertTrue(run.lastErrorLine().contains(victimId), run.err());
        Result info = eddy("info", "-m", address, jobId[0]);
        assertTrue(info.out().startsWith("Job " + jobId[0] + " (endless): FAILED"), info.out());
        assertTrue(rest("/jobs/" + jobId[0]).path("failureCause").asText().contains(victimId),
                rest("/jobs/" + jobId[0]).toString());

        awaitTaskManagers(1);
        taskManagers.remove(victim);
        startTaskManager();
        awaitTaskManagers(2);
        runKeyedSumsAndCheck("after-loss", 1000);
    }

    @Test
    void wrongSecretIsRefusedAndTheGeneratedOneAccepted() throws Exception {
        Path secretFile = confDir.resolve(".cluster-secret");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
        Heartbeat probe = new Heartbeat("not-a-taskmanager", Map.of());
        try (RpcService intruder = new RpcService("intruder", new Configuration(), ClusterSecret.of("wrong"),
                getClass().getClassLoader())) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> intruder.client("127.0.0.1", rpcPort).ask(probe, Duration.ofSeconds(10)).get());
            assertTrue(refused.getCause().getMessage().contains("authentication failed"), refused.toString());
        }
        try (RpcService member = new RpcService("member", new Configuration(), ClusterSecret.loadOrCreate(secretFile),
                getClass().getClassLoader())) {
            HeartbeatAck ack = member.client("127.0.0.1", rpcPort).<HeartbeatAck>ask(probe, Duration.ofSeconds(10)).get();
            assertFalse(ack.known(), "an unregistered sender is not a known TaskManager");
        }
    }

    @Test
    void randomBytesOnTheRpcAndDataPortsDoNotHurtTheCluster() throws Exception {
        String location = rest("/taskmanagers").path(0).path("location").asText();
        int dataPort = Integer.parseInt(location.substring(location.lastIndexOf(':') + 1));
        Random random = new Random(42);
        for (int port : new int[] {rpcPort, dataPort}) {
            for (int attempt = 0; attempt < 3; attempt++) {
                byte[] junk = new byte[1 + random.nextInt(64 * 1024)];
                random.nextBytes(junk);
                sendAndDrain(port, junk);
            }
        }
        assertTrue(jobManager.isAlive(), "JobManager died:\n" + logs());
        taskManagers.forEach(tm -> assertTrue(tm.process().isAlive(), tm.log() + " died"));
        assertEquals(2, rest("/overview").path("taskManagers").asInt());
        runKeyedSumsAndCheck("after-junk", 1000);
    }

    /** Writes {@code bytes} and reads until the peer closes or goes quiet; a reset is an answer too. */
    private static void sendAndDrain(int port, byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            try {
                out.write(bytes);
                out.flush();
                while (in.read(new byte[4096]) >= 0) {
                    // discard whatever the peer answers
                }
            } catch (IOException closedOrQuiet) {
                // the peer closing on garbage, or waiting for more, is what we expect
            }
        }
    }
}
