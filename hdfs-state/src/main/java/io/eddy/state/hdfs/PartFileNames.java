package io.eddy.state.hdfs;

import java.io.Serializable;

/**
 * Names of the part files of an {@link ExactlyOnceFileSink}: {@code <prefix>-<subtask>-<n><suffix>}
 * when committed, with a leading dot and {@code .inprogress} or {@code .pending} appended before.
 */
final class PartFileNames implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String IN_PROGRESS = ".inprogress";
    private static final String PENDING = ".pending";

    enum Stage { IN_PROGRESS, PENDING, COMMITTED }

    /** A file of the sink found in its directory. */
    record PartFile(int subtask, long part, Stage stage) {}

    private final String prefix;
    private final String suffix;

    PartFileNames(String prefix, String suffix) {
        if (prefix == null || prefix.isEmpty() || prefix.startsWith(".") || prefix.startsWith("_")
                || prefix.contains("/")) {
            throw new IllegalArgumentException("Part file prefix '" + prefix + "' is not allowed: it must be "
                    + "non-empty, must not start with '.' or '_' (readers skip such files) and must not contain '/'");
        }
        if (suffix == null || suffix.contains("/") || suffix.endsWith(IN_PROGRESS) || suffix.endsWith(PENDING)) {
            throw new IllegalArgumentException("Part file suffix '" + suffix + "' is not allowed: use e.g. \".csv\" "
                    + "or \"\"; it must not contain '/' or end with " + IN_PROGRESS + " or " + PENDING);
        }
        this.prefix = prefix;
        this.suffix = suffix;
    }

    String committed(int subtask, long part) {
        return prefix + "-" + subtask + "-" + part + suffix;
    }

    String inProgress(int subtask, long part) {
        return "." + committed(subtask, part) + IN_PROGRESS;
    }

    String pending(int subtask, long part) {
        return "." + committed(subtask, part) + PENDING;
    }

    /** The part file {@code name} denotes, or null if it is not one of this sink's (e.g. a checksum file). */
    PartFile parse(String name) {
        Stage stage;
        String committed;
        if (!name.startsWith(".")) {
            stage = Stage.COMMITTED;
            committed = name;
        } else if (name.endsWith(IN_PROGRESS)) {
            stage = Stage.IN_PROGRESS;
            committed = name.substring(1, name.length() - IN_PROGRESS.length());
        } else if (name.endsWith(PENDING)) {
            stage = Stage.PENDING;
            committed = name.substring(1, name.length() - PENDING.length());
        } else {
            return null;
        }
        if (!committed.startsWith(prefix + "-") || !committed.endsWith(suffix)) {
            return null;
        }
        String numbers = committed.substring(prefix.length() + 1, committed.length() - suffix.length());
        int dash = numbers.indexOf('-');
        if (dash <= 0 || !digits(numbers, 0, dash) || !digits(numbers, dash + 1, numbers.length())
                || dash > 9 || numbers.length() - dash - 1 > 18) {
            return null;
        }
        return new PartFile(Integer.parseInt(numbers, 0, dash, 10), Long.parseLong(numbers, dash + 1,
                numbers.length(), 10), stage);
    }

    private static boolean digits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return prefix + "-<subtask>-<n>" + suffix;
    }
}
