package io.eddy.client.cli;

import io.eddy.api.config.Configuration;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The exit code and output of one {@link EddyCli} command run in this JVM. */
record CliRun(int code, String out, String err) {
    /** Runs {@code eddy args...} with an empty configuration (no conf directory is read). */
    static CliRun eddy(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new EddyCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Configuration::new).run(args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    String lastErrorLine() {
        return err.lines().reduce((a, b) -> b).orElse("");
    }
}
