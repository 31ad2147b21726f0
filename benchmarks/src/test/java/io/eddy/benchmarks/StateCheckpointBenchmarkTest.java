package io.eddy.benchmarks;

import io.eddy.api.config.Configuration;
import io.eddy.api.execution.CheckpointingConfigOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state workload at a small size: its checkpoints after the fill hold the state it was asked for. */
class StateCheckpointBenchmarkTest {
    @TempDir
    Path checkpoints;

    @Test
    void measuresCheckpointsOfTheFilledState() throws Exception {
        Configuration config = new Configuration();
        config.set(CheckpointingConfigOptions.INTERVAL, Duration.ofMillis(100));
        config.set(CheckpointingConfigOptions.DIRECTORY, checkpoints.toUri().toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StateCheckpointBenchmark.run(config, 5, 2, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        long keys = 5L * (1 << 20) / StateCheckpointBenchmark.ENTRY_BYTES;
        String result = lines.get(lines.size() - 1);
        assertTrue(result.startsWith("RESULT state mb=5 keys=" + keys + " checkpoints=2 size_mb=5.0 "), result);
        List<String> measured = lines.stream().filter(l -> l.matches(" +\\d+ +full .*")).toList();
        assertEquals(2, measured.size(), String.join("\n", lines));
        for (String row : measured) {
            assertTrue(row.matches(" +\\d+ +full +COMPLETED +5\\.0 .*"), row);
        }
    }
}
