package io.eddy.client.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Prints the answer of {@code GET /jobs/:jobId/checkpoints} for {@code eddy checkpoints}: counts,
 * the latest restore, the recent checkpoints and savepoints (with failure reasons), then the
 * latest completed checkpoint per subtask.
 */
final class CheckpointTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final String HISTORY_ROW = "%6s  %-10s  %-11s  %-12s  %9s  %9s  %9s  %9s  %9s  %8s%n";
    private static final String SUBTASK_ROW = "  %-40s  %7s  %9s  %9s  %9s  %9s%n";

    private CheckpointTable() {}

    static void print(PrintStream out, String jobId, JsonNode stats) {
        JsonNode counts = stats.path("counts");
        out.printf(Locale.ROOT, "Checkpoints of job %s: %d completed, %d failed, %d in progress, %d restored%n", jobId,
                counts.path("completed").asLong(), counts.path("failed").asLong(), counts.path("inProgress").asLong(),
                counts.path("restored").asLong());
        JsonNode restored = stats.at("/latest/restored");
        if (restored.isObject()) {
            out.printf(Locale.ROOT, "Latest restore: %d from %s at %s%n", restored.path("id").asLong(),
                    restored.path("path").asText(), TIME.format(Instant.ofEpochMilli(restored.path("restoreTimestamp").asLong())));
        }
        JsonNode history = stats.path("history");
        if (history.isEmpty()) {
            out.println("No checkpoints or savepoints yet.");
            return;
        }
        out.println();
        out.printf(Locale.ROOT, HISTORY_ROW, "id", "kind", "status", "triggered", "duration", "size", "align max",
                "sync max", "async max", "acked");
        for (JsonNode c : history) {
            out.printf(Locale.ROOT, HISTORY_ROW, c.path("id").asText(), c.path("kind").asText().toLowerCase(Locale.ROOT),
                    c.path("status").asText(), TIME.format(Instant.ofEpochMilli(c.path("triggerTimestamp").asLong())),
                    c.path("durationMillis").asLong() + " ms", bytes(c.path("stateSize").asLong()),
                    c.path("maxAlignmentMillis").asLong() + " ms", c.path("maxSyncMillis").asLong() + " ms", c.path("maxAsyncMillis").asLong() + " ms",
                    c.path("acknowledgedSubtasks").asInt() + "/" + c.path("totalSubtasks").asInt());
            if (c.hasNonNull("failureReason")) {
                out.println("        failed: " + c.path("failureReason").asText());
            }
        }
        JsonNode latest = stats.at("/latest/completed");
        if (latest.isObject()) {
            out.printf(Locale.ROOT, "%nLatest completed checkpoint %d at %s%n", latest.path("id").asLong(),
                    latest.path("path").asText());
            out.printf(Locale.ROOT, SUBTASK_ROW, "vertex", "subtask", "align", "sync", "async", "size");
            for (JsonNode s : latest.path("subtasks")) {
                out.printf(Locale.ROOT, SUBTASK_ROW, s.path("vertexName").asText(), s.path("subtask").asText(),
                        s.path("alignmentMillis").asLong() + " ms", s.path("syncMillis").asLong() + " ms", s.path("asyncMillis").asLong() + " ms",
                        bytes(s.path("stateSize").asLong()));
            }
        }
    }

    /** {@code bytes} in B, KB, MB or GB (powers of 1024), one decimal above bytes. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
