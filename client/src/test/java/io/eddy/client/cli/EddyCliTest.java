package io.eddy.client.cli;

import io.eddy.api.config.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the CLI in this JVM on jars built from {@link TestPrograms}, jobs on the embedded cluster. */
class EddyCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int eddy(String... args) {
        EddyCli cli = new EddyCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Configuration::new);
        return cli.run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path jar(Class<?> mainClass) throws IOException {
        return TestPrograms.jar(dir, mainClass);
    }

    @Test
    void runsTheManifestMainClassAndReportsTheJob() throws Exception {
        Path output = dir.resolve("out");
        int code = eddy("run", "-p", "2", jar(TestPrograms.Sums.class).toString(), output.toString(), "1000");

        assertEquals(EddyCli.OK, code, err());
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(output)) {
            for (Path part : parts.sorted().toList()) {
                lines.addAll(Files.readAllLines(part));
            }
        }
        // one update per element; the last update of each parity is its full sum (the even one the largest)
        assertEquals(1000, lines.size());
        List<Long> sums = lines.stream().map(Long::parseLong).sorted().toList();
        assertEquals(250500L, sums.get(999));
        assertTrue(sums.contains(250000L), "the sum of the odd numbers");
        assertTrue(err().contains("(sums) FINISHED"), err());
        assertTrue(err().matches("(?s).*records in +records out.*"), err());
    }

    @Test
    void planPrintsTheOptimizersChoicesWithoutRunningTheJob() throws Exception {
        Path output = dir.resolve("out");
        int code = eddy("plan", "-p", "2", jar(TestPrograms.BatchJoin.class).toString(), output.toString());

        assertEquals(EddyCli.OK, code, err());
        String plan = out.toString(StandardCharsets.UTF_8);
        assertTrue(plan.contains("[HashJoin, parallelism 2]\n    local strategy: HYBRID_HASH (build second)"), plan);
        assertTrue(plan.matches("(?s).*input from #\\d+ Map: FORWARD \\(blocking\\)\n"
                + ".*input from #\\d+ Source: Collection: BROADCAST \\(blocking\\)\n.*"), plan);
        assertTrue(plan.contains("estimated: 1000000 records"), plan);
        assertFalse(Files.exists(output), "the job must not run");

        out.reset();
        assertEquals(EddyCli.OK, eddy("plan", "--json", jar(TestPrograms.BatchJoin.class).toString(), output.toString()), err());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"ship\":\"BROADCAST\""), out.toString());
        assertFalse(Files.exists(output), "the job must not run");
    }

    @Test
    void planOfAProgramThatNeverExecutesSaysSo() throws Exception {
        assertEquals(EddyCli.FAILED, eddy("plan", jar(TestPrograms.NeverExecutes.class).toString()));
        assertEquals("eddy: " + TestPrograms.NeverExecutes.class.getName() + ".main returned without running a job, so "
                + "there is no plan: call execute() (or collect(), count(), print()) after defining the program\n",
                err());
    }

    @Test
    void classFlagOverridesTheManifest() throws Exception {
        int code = eddy("run", "-c", TestPrograms.ThrowsInMain.class.getName(), jar(TestPrograms.Sums.class).toString());
        assertEquals(EddyCli.FAILED, code);
        assertTrue(err().matches("eddy: the program's main method threw java.lang.IllegalArgumentException: --input "
                + "is required \\(at io.eddy.client.cli.TestPrograms\\$ThrowsInMain.main\\(TestPrograms.java:\\d+\\)\\)\n"),
                err());
    }

    @Test
    void userExceptionInAFunctionReachesTheCommandLineWithItsFrame() throws Exception {
        int code = eddy("run", jar(TestPrograms.FailsInMap.class).toString());

        assertEquals(EddyCli.FAILED, code);
        String last = err().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.matches("eddy: job \\w+ failed: java.lang.IllegalStateException: record 500 is bad "
                + "\\(at io.eddy.client.cli.TestPrograms\\$FailsInMap.check\\(TestPrograms.java:\\d+\\)\\)"), last);
        assertFalse(err().contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void verbosePrintsTheStackTrace() throws Exception {
        int code = eddy("run", "--verbose", jar(TestPrograms.FailsInMap.class).toString());
        assertEquals(EddyCli.FAILED, code);
        assertTrue(err().contains("\tat io.eddy.client.cli.TestPrograms$FailsInMap.check"), err());
    }

    @Test
    void programThatNeverExecutesIsReported() throws Exception {
        assertEquals(EddyCli.FAILED, eddy("run", jar(TestPrograms.NeverExecutes.class).toString()));
        assertTrue(err().contains("main returned without running a job: call execute()"), err());
    }

    @Test
    void programWithoutSinkIsReported() throws Exception {
        assertEquals(EddyCli.FAILED, eddy("run", jar(TestPrograms.NoSink.class).toString()));
        assertTrue(err().startsWith("eddy: invalid program: The program defines no sink"), err());
    }

    @Test
    void badJarsAndClassesGiveOneLine() throws Exception {
        Path notAJar = Files.writeString(dir.resolve("notes.jar"), "hello");
        assertEquals(EddyCli.USAGE, eddy("run", dir.resolve("missing.jar").toString()));
        assertEquals(EddyCli.USAGE, eddy("run", notAJar.toString()));
        Path noManifestMain = jar(null);
        assertEquals(EddyCli.USAGE, eddy("run", noManifestMain.toString()));
        assertEquals(EddyCli.FAILED, eddy("run", "-c", "com.example.Missing", noManifestMain.toString()));
        assertEquals(EddyCli.FAILED, eddy("run", "-c", TestPrograms.NotStaticMain.class.getName(),
                noManifestMain.toString()));

        List<String> lines = err().lines().toList();
        assertEquals(List.of(
                "eddy: jar file " + dir.resolve("missing.jar") + " does not exist",
                "eddy: " + notAJar + " is not a jar file (zip END header not found)",
                "eddy: " + noManifestMain + " names no Main-Class in its manifest: give the main class with -c <class>",
                "eddy: class com.example.Missing is neither in " + noManifestMain + " nor on Eddy's classpath",
                "eddy: class " + TestPrograms.NotStaticMain.class.getName()
                        + " has no 'public static void main(String[] args)' method"), lines);
    }

    @Test
    void badFlagsAreUsageErrors() throws Exception {
        String jar = jar(TestPrograms.Sums.class).toString();
        assertEquals(EddyCli.USAGE, eddy("run", "--parallel", "2", jar));
        assertEquals(EddyCli.USAGE, eddy("run", "-p", "-3", jar));
        assertEquals(EddyCli.USAGE, eddy("run", "-p"));
        assertEquals(EddyCli.USAGE, eddy("run", "-t", "mars", jar));
        assertEquals(EddyCli.USAGE, eddy("launch", jar));
        assertEquals(EddyCli.USAGE, eddy("plan", "--json", "--parallel", "2", jar));
        assertEquals(List.of(
                "eddy: unknown option '--parallel' for 'eddy run' (see eddy run --help)",
                "eddy: -p expects a positive whole number, got '-3'",
                "eddy: option -p needs a value (see eddy run --help)",
                "eddy: unknown target 'mars' (from -t or execution.target); known targets: local, remote",
                "eddy: unknown command 'launch' (see eddy --help)",
                "eddy: unknown option '--parallel' for 'eddy plan' (see eddy plan --help)"), err().lines().toList());
    }

    @Test
    void badConfigurationValueNamesTheOption() throws Exception {
        int code = eddy("run", "-D", "parallelism.default=many", jar(TestPrograms.Sums.class).toString(),
                dir.resolve("o").toString(), "10");
        assertEquals(EddyCli.FAILED, code);
        assertTrue(err().startsWith("eddy: bad configuration: Invalid value 'many' for option 'parallelism.default'"),
                err());
    }

    @Test
    void helpAndVersion() {
        assertEquals(EddyCli.OK, eddy("--help"));
        assertEquals(EddyCli.OK, eddy("run", "--help"));
        assertEquals(EddyCli.OK, eddy("--version"));
        assertEquals(EddyCli.USAGE, eddy());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Usage: eddy <command>") && text.contains("Usage: eddy run [options] <jar>")
                && text.contains("Eddy "), text);
    }
}
