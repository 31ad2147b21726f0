package io.eddy.dist;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The YARN section of the README run as a user runs it, from the assembled distribution
 * ({@code target/eddy}): {@code bin/mini-hadoop.sh start}, {@code bin/yarn-session.sh -d}, {@code bin/eddy run
 * -t yarn-session} (attached and {@code -d}), the one-line refusals of a missing {@code HADOOP_CONF_DIR} and of a
 * container above YARN's largest, {@code bin/eddy list|info -t yarn-session}, {@code bin/eddy-bench -m}
 * against the session, {@code bin/yarn-session.sh --stop}, {@code bin/eddy run -t yarn-application}, and
 * {@code bin/mini-hadoop.sh stop}. The word counts of every YARN run equal those of the embedded run. The
 * configuration is the distribution's with smaller containers and the session file in this test's directory.
 */
class YarnReadmeCommandsITCase {
    private static final Path HOME = Path.of("target", "eddy").toAbsolutePath();
    private static final Pattern READY = Pattern.compile("Session (application_\\d+_\\d+) is ready; REST API \\(and web UI\\) at http://(\\S+)");
    private static final Pattern SUBMITTED = Pattern.compile("Job ([0-9a-f]{32}) submitted");

    @TempDir
    Path dir;
    private final Map<String, String> environment = new HashMap<>();
    private Path hadoopDir;

    private record Run(int exitCode, String output) {}

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theReadmesYarnCommandsRunJobsOnMiniHadoop() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        try (Stream<Path> files = Files.list(HOME.resolve("conf"))) {
            for (Path file : files.toList()) {
                Files.copy(file, conf.resolve(file.getFileName()));
            }
        }
        Files.writeString(conf.resolve("eddy-conf.yaml"), "\ntaskmanager.memory.process.size: 768m\n"
                + "jobmanager.memory.process.size: 768m\nyarn.properties-file.location: " + dir + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        environment.put("EDDY_CONF_DIR", conf.toString());
        environment.put("EDDY_BENCH_HEAP", "512m");

        Run local = eddy("bin/eddy", "run", "examples/eddy-examples.jar", "--output", dir.resolve("wc-local").toString());
        assertEquals(0, local.exitCode(), local.output());
        Map<String, Long> expected = wordCounts(dir.resolve("wc-local"));
        assertEquals(13L, expected.get("to"), "the embedded run counts 'to' in the built-in text");

        Run noHadoop = eddy("bin/eddy", "list", "-t", "yarn-session");
        assertEquals(1, noHadoop.exitCode(), noHadoop.output());
        assertTrue(noHadoop.output().strip().endsWith("eddy: HADOOP_CONF_DIR is not set: export HADOOP_CONF_DIR="
                + "<directory holding core-site.xml and yarn-site.xml> (bin/mini-hadoop.sh start prints one for a "
                + "local try)"), noHadoop.output());

        hadoopDir = dir.resolve("mini-hadoop");
        Run hadoop = eddy("bin/mini-hadoop.sh", "start", "--dir", hadoopDir.toString());
        assertEquals(0, hadoop.exitCode(), hadoop.output());
        assertTrue(hadoop.output().contains("export HADOOP_CONF_DIR=" + hadoopDir.resolve("conf")), hadoop.output());
        environment.put("HADOOP_CONF_DIR", hadoopDir.resolve("conf").toString());

        Run tooBig = eddy("bin/yarn-session.sh", "-d", "-tm", "64g");
        assertEquals(1, tooBig.exitCode(), tooBig.output());
        assertTrue(tooBig.output().strip().endsWith("yarn-session: A TaskManager container of 65536 MB exceeds YARN's "
                + "largest, 4096 MB: lower -tm (taskmanager.memory.process.size)"), tooBig.output());

        long started = System.nanoTime();
        Run session = eddy("bin/yarn-session.sh", "-d", "-s", "2");
        assertEquals(0, session.exitCode(), session.output());
        System.out.printf("FIGURE bin/yarn-session.sh -d: %.1f s%n", (System.nanoTime() - started) / 1e9);
        Matcher ready = READY.matcher(session.output());
        assertTrue(ready.find(), session.output());
        String appId = ready.group(1);
        String rest = ready.group(2).replaceAll("/$", "");

        Run attached = eddy("bin/eddy", "run", "-t", "yarn-session", "examples/eddy-examples.jar", "--output",
                dir.resolve("wc-session").toString());
        assertEquals(0, attached.exitCode(), attached.output());
        assertTrue(attached.output().contains("goes to YARN session " + appId), attached.output());
        assertTrue(attached.output().contains("(Streaming WordCount) FINISHED"), attached.output());
        assertEquals(expected, wordCounts(dir.resolve("wc-session")));

        Run detached = eddy("bin/eddy", "run", "-d", "-t", "yarn-session", "-D", "yarn.application.id=" + appId,
                "examples/eddy-examples.jar", "--output", dir.resolve("wc-detached").toString());
        assertEquals(0, detached.exitCode(), detached.output());
        Matcher submitted = SUBMITTED.matcher(detached.output());
        assertTrue(submitted.find(), detached.output());
        String jobId = submitted.group(1);
        waitUntil(() -> eddy("bin/eddy", "info", "-t", "yarn-session", jobId).output()
                .contains("Job " + jobId + " (Streaming WordCount): FINISHED"), "the detached job finishes");
        assertEquals(expected, wordCounts(dir.resolve("wc-detached")));
        Run list = eddy("bin/eddy", "list", "-t", "yarn-session", "-D", "yarn.application.id=" + appId);
        assertEquals(0, list.exitCode(), list.output());
        assertEquals(2, list.output().lines().filter(l -> l.contains("FINISHED") && l.endsWith("Streaming WordCount"))
                .count(), list.output());
        Run byAddress = eddy("bin/eddy", "list", "-m", rest);
        assertEquals(list.output().lines().filter(l -> l.contains(jobId)).toList(),
                byAddress.output().lines().filter(l -> l.contains(jobId)).toList());

        Run bench = eddy("bin/eddy-bench", "-m", rest, "keyed-sum", "10000000");
        assertEquals(0, bench.exitCode(), bench.output());
        String result = bench.output().lines().filter(l -> l.startsWith("RESULT keyed-sum")).findFirst()
                .orElseThrow(() -> new AssertionError(bench.output()));
        System.out.println("FIGURE bin/eddy-bench -m " + rest + " keyed-sum 10000000 in a YARN session: " + result);

        Run stop = eddy("bin/yarn-session.sh", "-id", appId, "--stop");
        assertEquals(0, stop.exitCode(), stop.output());
        assertTrue(stop.output().contains("Session " + appId + " FINISHED (SUCCEEDED)"), stop.output());
        Run gone = eddy("bin/eddy", "list", "-t", "yarn-session", "-D", "yarn.application.id=" + appId);
        assertEquals(1, gone.exitCode(), gone.output());
        assertTrue(gone.output().contains("eddy: Application " + appId + " is FINISHED, not running"), gone.output());

        Run application = eddy("bin/eddy", "run", "-t", "yarn-application", "examples/eddy-examples.jar", "--output",
                dir.resolve("wc-application").toString());
        assertEquals(0, application.exitCode(), application.output());
        assertTrue(application.output().matches("(?s).*Job [0-9a-f]{32} submitted; it runs in application "
                + "application_\\d+_\\d+ .*"), application.output());
        assertTrue(application.output().contains("(Streaming WordCount) FINISHED"), application.output());
        assertEquals(expected, wordCounts(dir.resolve("wc-application")));

        Run stopHadoop = eddy("bin/mini-hadoop.sh", "stop", "--dir", hadoopDir.toString());
        assertEquals(0, stopHadoop.exitCode(), stopHadoop.output());
        hadoopDir = null;
    }

    @AfterEach
    void stopHadoop() throws Exception {
        if (hadoopDir != null) {
            eddy("bin/mini-hadoop.sh", "stop", "--dir", hadoopDir.toString());
        }
    }

    /** The final count of every word: the largest count each word's lines show. */
    private static Map<String, Long> wordCounts(Path output) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        try (Stream<Path> parts = Files.list(output)) {
            for (Path part : parts.toList()) {
                for (String line : Files.readAllLines(part)) {
                    String[] wordAndCount = line.split(" ");
                    counts.merge(wordAndCount[0], Long.parseLong(wordAndCount[1]), Math::max);
                }
            }
        }
        return counts;
    }

    /** Runs a command of the distribution in its directory; stdout and stderr together. */
    private Run eddy(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        line.set(0, HOME.resolve(command[0]).toString());
        ProcessBuilder builder = new ProcessBuilder(line).directory(HOME.toFile()).redirectErrorStream(true);
        builder.environment().remove("HADOOP_CONF_DIR");
        builder.environment().remove("HADOOP_HOME");
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end: " + output);
        }
        return new Run(process.exitValue(), output);
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Condition condition, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!condition.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(1000);
        }
    }
}
