package io.eddy.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The class data sharing archive of the assembled distribution ({@code target/eddy/lib/eddy.jsa}, dumped by
 * the build): {@code bin/eddy-bench} maps Eddy's classes from it while it matches the jars, and a stale one
 * (older than a jar) is left out without a word, the classes then coming from the jars.
 */
class ClassDataSharingITCase {
    private static final Path HOME = Path.of("target", "eddy").toAbsolutePath();
    private static final String RUNNER = "io.eddy.benchmarks.BenchmarkRunner";

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void theBuiltArchiveServesEddysClasses() throws Exception {
        Path archive = HOME.resolve("lib").resolve("eddy.jsa");
        assertTrue(Files.isRegularFile(archive), "the build dumps " + archive + " (see its class-data-sharing.log)");
        Path classes = dir.resolve("classes.txt");

        keyedSum(Map.of(), classes);

        assertEquals(RUNNER + " source: shared objects file (top)", sourceOf(RUNNER, classes));
    }

    @Test
    @Timeout(300)
    void anArchiveOlderThanAJarIsLeftOutSilently() throws Exception {
        Path home = dir.resolve("eddy");
        Path lib = Files.createDirectories(home.resolve("lib"));
        try (Stream<Path> jars = Files.list(HOME.resolve("lib"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.createSymbolicLink(lib.resolve(jar.getFileName()), jar);
            }
        }
        Path stale = Files.copy(HOME.resolve("lib").resolve("eddy.jsa"), lib.resolve("eddy.jsa"));
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1)));
        Files.createSymbolicLink(home.resolve("conf"), HOME.resolve("conf"));
        Path classes = dir.resolve("classes.txt");

        keyedSum(Map.of("EDDY_HOME", home.toString()), classes);

        String source = sourceOf(RUNNER, classes);
        assertTrue(source.startsWith(RUNNER + " source: file:") && source.endsWith(".jar"), source);
    }

    /** Runs {@code bin/eddy-bench keyed-sum 1000}, logging the classes it loads; checks its result and that it says nothing of CDS. */
    private void keyedSum(Map<String, String> environment, Path classes) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(HOME.resolve("bin/eddy-bench").toString(), "keyed-sum", "1000"))
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("HADOOP_CONF_DIR");
        builder.environment().remove("HADOOP_HOME");
        builder.environment().remove("EDDY_CONF_DIR");
        builder.environment().put("EDDY_BENCH_HEAP", "512m");
        builder.environment().put("EDDY_BENCH_JVM_OPTS", "-Xlog:class+load=info:file=" + classes);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("eddy-bench did not end: " + output);
        }
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("CHECK keyed-sum sink_count=1000 expected=1000 OK"), output);
        assertFalse(output.contains("cds") || output.contains("shared archive"), output);
    }

    /** The class-loading log's line for {@code className}, without its time stamp. */
    private static String sourceOf(String className, Path classes) throws IOException {
        try (Stream<String> lines = Files.lines(classes)) {
            return lines.map(line -> line.substring(line.indexOf("] ", line.indexOf("[class,load]")) + 2))
                    .filter(line -> line.startsWith(className + " source: "))
                    .findFirst().orElseThrow(() -> new AssertionError(className + " not loaded"));
        }
    }
}
