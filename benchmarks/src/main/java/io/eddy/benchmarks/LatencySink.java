package io.eddy.benchmarks;

import io.eddy.api.connector.sink.Sink;
import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.SinkWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records how long ago each record (a {@code System.nanoTime()} emission stamp) was emitted, in a
 * histogram of whole microseconds, and writes the histogram into a directory at the end, so the
 * figures of sinks in any process on this machine can be merged.
 */
final class LatencySink implements Sink<Long> {
    private static final long serialVersionUID = 1L;
    /** Latencies above this many microseconds are counted in the last bucket. */
    static final int MAX_MICROS = 10_000_000;

    private final String directory;

    LatencySink(String directory) {
        this.directory = directory;
    }

    @Override
    public SinkWriter<Long> createWriter(SinkContext context) {
        return new SinkWriter<>() {
            private final long[] histogram = new long[MAX_MICROS + 1];

            @Override
            public void write(Long emittedAt, long timestamp) {
                long micros = (System.nanoTime() - emittedAt) / 1000;
                histogram[(int) Math.min(MAX_MICROS, Math.max(0, micros))]++;
            }

            @Override
            public void flush(boolean endOfInput) {
                if (!endOfInput) {
                    return;
                }
                List<String> lines = new ArrayList<>();
                for (int micros = 0; micros < histogram.length; micros++) {
                    if (histogram[micros] > 0) {
                        lines.add(micros + " " + histogram[micros]);
                    }
                }
                try {
                    Files.write(Path.of(directory, "latency-" + UUID.randomUUID() + ".txt"), lines);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {}
        };
    }

    /** Merges the histograms written into {@code directory}: the count of records per microsecond. */
    static long[] merge(Path directory) throws IOException {
        long[] merged = new long[MAX_MICROS + 1];
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] bucket = line.split(" ");
                    merged[Integer.parseInt(bucket[0])] += Long.parseLong(bucket[1]);
                }
            }
        }
        return merged;
    }

    /** The latency in microseconds below which {@code fraction} of the records fall. */
    static long percentile(long[] histogram, double fraction) {
        long total = 0;
        for (long count : histogram) {
            total += count;
        }
        long rank = (long) Math.ceil(total * fraction);
        long seen = 0;
        for (int micros = 0; micros < histogram.length; micros++) {
            seen += histogram[micros];
            if (seen >= rank && seen > 0) {
                return micros;
            }
        }
        return histogram.length - 1;
    }
}
