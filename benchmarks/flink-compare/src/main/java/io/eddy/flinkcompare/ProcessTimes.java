package io.eddy.flinkcompare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * User and system time and minor page faults of this process from {@code /proc/self/stat} (Linux); -1
 * elsewhere. Read as Eddy's benchmark runner reads them, written again here so that this project builds
 * without Eddy.
 */
final class ProcessTimes {
    /** Clock ticks per second of {@code /proc}'s times: 100 on every Linux of the last decades. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessTimes() {}

    static long userMillis() {
        long ticks = field(14);
        return ticks < 0 ? -1 : ticks * 1000 / TICKS_PER_SECOND;
    }

    static long sysMillis() {
        long ticks = field(15);
        return ticks < 0 ? -1 : ticks * 1000 / TICKS_PER_SECOND;
    }

    static long minorFaults() {
        return field(10);
    }

    /** Field {@code n} of {@code /proc/self/stat}, 1-based as proc(5) numbers them, or -1. */
    private static long field(int n) {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the command name (field 2) may hold spaces: count from the parenthesis that closes it
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(rest[n - 3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
