package io.eddy.runtime.checkpoint;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.IllegalConfigurationException;
import io.eddy.api.execution.CheckpointingConfigOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes what is no longer needed once a checkpoint completes: completed checkpoints beyond the
 * newest {@code numRetained}, and incomplete directories (failed checkpoints) older than the newest
 * completed one. Newer incomplete directories are left alone: they may still be in progress.
 *
 * <p>Relies on the layout of {@link CheckpointStorage}: the last component of a checkpoint pointer is
 * {@code chk-<n>}. Savepoints are never touched.
 */
public final class CheckpointRetention {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointRetention.class);

    private final CheckpointStorage storage;
    private final int numRetained;

    public CheckpointRetention(CheckpointStorage storage, int numRetained) {
        if (numRetained < 1) {
            throw new IllegalArgumentException("at least one completed checkpoint must be retained, not " + numRetained);
        }
        this.storage = storage;
        this.numRetained = numRetained;
    }

    /** With {@link CheckpointingConfigOptions#NUM_RETAINED} from the configuration. */
    public static CheckpointRetention fromConfiguration(CheckpointStorage storage, Configuration config) {
        int n = config.get(CheckpointingConfigOptions.NUM_RETAINED);
        if (n < 1) {
            throw new IllegalConfigurationException("'" + CheckpointingConfigOptions.NUM_RETAINED.key()
                    + "' must be at least 1, not " + n + ".");
        }
        return new CheckpointRetention(storage, n);
    }

    public int numRetained() {
        return numRetained;
    }

    /**
     * Call after a checkpoint of {@code jobId} completed. Returns the pointers it deleted; a directory
     * that cannot be deleted is logged and left for the next call, since failing here would fail a
     * checkpoint that did succeed.
     */
    public List<String> onCheckpointCompleted(String jobId) throws IOException {
        List<String> completed = storage.listCompleted(jobId);
        if (completed.isEmpty()) {
            return List.of();
        }
        long newestCompleted = checkpointId(completed.get(0));
        List<String> obsolete = new ArrayList<>(completed.subList(Math.min(numRetained, completed.size()), completed.size()));
        for (String incomplete : storage.listIncomplete(jobId)) {
            if (checkpointId(incomplete) < newestCompleted) {
                obsolete.add(incomplete);
            }
        }
        List<String> discarded = new ArrayList<>();
        for (String pointer : obsolete) {
            try {
                storage.discard(pointer);
                discarded.add(pointer);
            } catch (IOException e) {
                LOG.warn("Could not delete obsolete checkpoint {}; will retry after the next checkpoint", pointer, e);
            }
        }
        return discarded;
    }

    /** The {@code n} of a pointer ending in {@code chk-<n>} (a trailing slash is allowed). */
    public static long checkpointId(String pointer) {
        String p = pointer.endsWith("/") ? pointer.substring(0, pointer.length() - 1) : pointer;
        String name = p.substring(p.lastIndexOf('/') + 1);
        if (!name.startsWith("chk-")) {
            throw new IllegalArgumentException("not a checkpoint pointer (no chk-<n> at its end): " + pointer);
        }
        try {
            return Long.parseLong(name.substring(4));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a checkpoint pointer (no chk-<n> at its end): " + pointer, e);
        }
    }
}
