package io.eddy.examples;

import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.CoreOptions;
import io.eddy.api.windowing.windows.TimeWindow;
import io.eddy.examples.WindowedClicks.Click;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Runs the example on an embedded cluster and checks its output against the generated clicks. */
class WindowedClicksTest {
    private static final long MINUTE = 60_000;

    @Test
    void countsEveryClickInItsMinuteExceptTheStragglers(@TempDir Path dir) throws Exception {
        // frequent periodic watermarks: the stragglers are late by a wide margin of processing time
        Configuration config = new Configuration().set(CoreOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(10));
        StreamExecutionEnvironment.initializeContextEnvironment(config, WindowedClicksTest.class.getClassLoader(), null);
        try {
            WindowedClicks.main(new String[] {"--clicks", "3000", "--pages", "7", "--seed", "5",
                    "--output", dir.toString()});
        } finally {
            StreamExecutionEnvironment.resetContextEnvironment();
        }

        // a straggler is further behind the clicks before it than the watermarks allow
        List<String> late = new ArrayList<>();
        Map<String, Long> counts = new TreeMap<>(); // "page start" -> clicks
        long max = Long.MIN_VALUE / 2; // no click yet, and no overflow below
        for (Click click : WindowedClicks.generate(3000, 7, 5)) {
            if (click.time() < max - WindowedClicks.MAX_DELAY.toMillis()) {
                late.add(WindowedClicks.describeLate(click));
            } else {
                counts.merge(click.page() + " " + Math.floorDiv(click.time(), MINUTE) * MINUTE, 1L, Long::sum);
            }
            max = Math.max(max, click.time());
        }
        List<String> expectedCounts = new ArrayList<>();
        counts.forEach((pageAndStart, count) -> {
            String[] f = pageAndStart.split(" ");
            long start = Long.parseLong(f[1]);
            expectedCounts.add(WindowedClicks.describeCount(f[0], new TimeWindow(start, start + MINUTE), count));
        });

        assertFalse(late.isEmpty(), "the generator must produce stragglers");
        assertEquals(sorted(expectedCounts), readLines(dir.resolve("counts")));
        assertEquals(sorted(late), readLines(dir.resolve("late")));
    }

    /** The lines of all part files of a sink's directory, sorted. */
    private static List<String> readLines(Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(directory)) {
            for (Path part : parts.toList()) {
                lines.addAll(Files.readAllLines(part));
            }
        }
        return sorted(lines);
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}
