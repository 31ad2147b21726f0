package io.eddy.client.cli;

import io.eddy.testutils.cluster.ProcessCluster;
import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.DeploymentOptions;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobExecutionResult;
import io.eddy.runtime.cluster.ClusterMessages.Heartbeat;
import io.eddy.runtime.cluster.ClusterMessages.HeartbeatAck;
import io.eddy.runtime.rest.RestOptions;
import io.eddy.runtime.rpc.ClusterSecret;
import io.eddy.runtime.rpc.RpcService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.eddy.client.cli.CliRun.eddy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JobManager and two TaskManagers as separate JVMs ({@link ProcessCluster}), driven through the
 * CLI and the REST API.
 */
class MultiProcessClusterITCase {
    @TempDir
    static Path dir;

    private static ProcessCluster cluster;
    private static String address;

    @BeforeAll
    static void startJobManager() throws Exception {
        cluster = new ProcessCluster(dir, 1);
        address = cluster.address();
    }

    @AfterAll
    static void stopProcesses() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Every test starts with two live TaskManagers registered, replacing any a failed test left dead. */
    @BeforeEach
    void twoTaskManagers() throws Exception {
        cluster.keepTaskManagers(2);
    }

    /** The programs jar, in its own directory so that concurrent runs do not rewrite each other's jar. */
    private static Path programs(String name, Class<?> mainClass) throws IOException {
        return TestPrograms.jar(Files.createDirectories(dir.resolve(name)), mainClass);
    }

    /** Runs TestPrograms.KeyedSums for 1..n and checks every key's number of updates and final sum. */
    private static void runKeyedSumsAndCheck(String name, int n) throws Exception {
        Path output = dir.resolve(name + "-out");
        CliRun run = eddy("run", "-m", address, "-p", "2", programs(name, TestPrograms.KeyedSums.class).toString(),
                output.toString(), String.valueOf(n));
        assertEquals(0, run.code(), run.err() + cluster.logs());
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
        assertEquals(2, cluster.rest("/overview").path("slotsFree").asInt(), "slots released after the job");
    }

    @Test
    void jobSubmittedOverRestShowsInListAndInfo() throws Exception {
        Configuration client = new Configuration();
        client.set(DeploymentOptions.TARGET, "remote");
        client.set(DeploymentOptions.JARS, programs("rest", null).toString());
        client.set(RestOptions.ADDRESS, "127.0.0.1");
        client.set(RestOptions.PORT, cluster.restPort());
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(client,
                MultiProcessClusterITCase.class.getClassLoader()) {};
        env.setParallelism(2);
        Path output = dir.resolve("rest-out");
        env.fromSequence(1, 1000).map(x -> x * 3).writeAsText(output.toString());
        JobClient job = env.executeAsync("submitted over rest");
        String jobId = job.getJobId().toHexString();
        JobExecutionResult result = job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        assertEquals(jobId, result.getJobId().toHexString());

        CliRun list = eddy("list", "-m", address);
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith(jobId) && l.contains("FINISHED")
                && l.endsWith("submitted over rest")), list.out());
        CliRun info = eddy("info", "-m", address, jobId);
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().startsWith("Job " + jobId + " (submitted over rest): FINISHED"), info.out());
        assertEquals("FINISHED", cluster.rest("/jobs/" + jobId).path("status").asText());
    }

    @Test
    void killedTaskManagerFailsTheJobNamingItAndAReplacementRunsTheNextJob() throws Exception {
        Path endless = programs("endless", TestPrograms.Endless.class);
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(
                () -> eddy("run", "-m", address, "-p", "2", endless.toString()));
        String jobId = cluster.awaitRunningJob("endless");
        cluster.await(() -> {
            try {
                JsonNode source = cluster.rest("/jobs/" + jobId).path("vertices").path(0).path("operators").path(0);
                return source.path("recordsOut").asLong() > 0;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "endless job producing records");

        ProcessCluster.TaskManager victim = cluster.taskManagers().get(0);
        String victimId = victim.id();
        victim.process().destroyForcibly();

        CliRun run = running.get(60, TimeUnit.SECONDS);
        assertEquals(EddyCli.FAILED, run.code(), run.err());
        assertTrue(run.lastErrorLine().contains(victimId), run.err());
        CliRun info = eddy("info", "-m", address, jobId);
        assertTrue(info.out().startsWith("Job " + jobId + " (endless): FAILED"), info.out());
        assertTrue(cluster.rest("/jobs/" + jobId).path("failureCause").asText().contains(victimId),
                cluster.rest("/jobs/" + jobId).toString());

        cluster.awaitTaskManagers(1);
        cluster.keepTaskManagers(2);
        runKeyedSumsAndCheck("after-loss", 1000);
    }

    @Test
    void wrongSecretIsRefusedAndTheGeneratedOneAccepted() throws Exception {
        Path secretFile = cluster.confDir().resolve(".cluster-secret");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
        Heartbeat probe = new Heartbeat("not-a-taskmanager", Map.of());
        try (RpcService intruder = new RpcService("intruder", new Configuration(), ClusterSecret.of("wrong"),
                getClass().getClassLoader())) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> intruder.client("127.0.0.1", cluster.rpcPort()).ask(probe, Duration.ofSeconds(10)).get());
            assertTrue(refused.getCause().getMessage().contains("authentication failed"), refused.toString());
        }
        try (RpcService member = new RpcService("member", new Configuration(), ClusterSecret.loadOrCreate(secretFile),
                getClass().getClassLoader())) {
            HeartbeatAck ack = member.client("127.0.0.1", cluster.rpcPort()).<HeartbeatAck>ask(probe, Duration.ofSeconds(10)).get();
            assertFalse(ack.known(), "an unregistered sender is not a known TaskManager");
        }
    }

    @Test
    void randomBytesOnTheRpcAndDataPortsDoNotHurtTheCluster() throws Exception {
        String location = cluster.rest("/taskmanagers").path(0).path("location").asText();
        int dataPort = Integer.parseInt(location.substring(location.lastIndexOf(':') + 1));
        Random random = new Random(42);
        for (int port : new int[] {cluster.rpcPort(), dataPort}) {
            for (int attempt = 0; attempt < 3; attempt++) {
                byte[] junk = new byte[1 + random.nextInt(64 * 1024)];
                random.nextBytes(junk);
                sendAndDrain(port, junk);
            }
        }
        assertTrue(cluster.jobManagerAlive(), "JobManager died:\n" + cluster.logs());
        cluster.taskManagers().forEach(tm -> assertTrue(tm.process().isAlive(), tm.log() + " died"));
        assertEquals(2, cluster.rest("/overview").path("taskManagers").asInt());
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
