package io.eddy.runtime.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where checkpoints and savepoints are written: a directory per job with one sub-directory per
 * checkpoint, {@code <base>/<jobId>/chk-<n>/}. Tasks write their state files into the checkpoint's
 * directory; the coordinator writes the metadata file last and atomically, so a directory without
 * it is not a (complete) checkpoint. Implementations: the Hadoop FileSystem one in
 * {@code hdfs-state} ({@code hdfs://}, {@code file://}, any Hadoop file system).
 *
 * <p>Thread-safe.
 */
public interface CheckpointStorage {
    /** Creates the directory of checkpoint {@code checkpointId} of {@code jobId}. */
    CheckpointLocation initializeCheckpoint(String jobId, long checkpointId) throws IOException;

    /** Reopens a checkpoint location (e.g. in a task, from the location's {@link CheckpointLocation#pointer()}). */
    CheckpointLocation resolveLocation(String pointer) throws IOException;

    /** Reads a state file written through a {@link CheckpointLocation}. */
    InputStream openState(StateHandle handle) throws IOException;

    /** Reads the metadata of a completed checkpoint or savepoint given by its directory (or metadata file). */
    byte[] readMetadata(String checkpointPointer) throws IOException;

    /**
     * The completed checkpoints of a job (those with a metadata file), newest first, as pointers;
     * incomplete directories are listed by {@link #listIncomplete}.
     */
    List<String> listCompleted(String jobId) throws IOException;

    /** Checkpoint directories of a job that have no metadata file: debris of failed checkpoints. */
    List<String> listIncomplete(String jobId) throws IOException;

    /** Deletes a checkpoint directory and everything in it. */
    void discard(String checkpointPointer) throws IOException;
}
