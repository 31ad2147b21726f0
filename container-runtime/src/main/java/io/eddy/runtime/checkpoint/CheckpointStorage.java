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

    /** Reopens a checkpoint location (e.g. in a task, from the location's {@link CheckpointLocationthere too, since container-runtime's tests cannot depend on test-utils.pointer()}). */
    CheckpointLocation resolveLocation(String pointer) throws IOException;

    /**
     * Creates a new savepoint directory {@code <targetDirectory>/savepoint-<jobId prefix>-<random>/}.
     * A savepoint is self-contained: its state files lie inside it and its handles are relative to it,
     * so the directory can be moved or copied; read its state with {@link #openState(StateHandle, String)}.
     *
     * @param targetDirectory where to create it, or {@code null} for the configured default savepoint directory
     */
    CheckpointLocation initializeSavepoint(String targetDirectory, String jobId) throws IOException;

    /**
     * Reads a state file written through a {@link CheckpointLocation}. The file's integrity is checked:
     * a truncated or corrupt file fails with an {@link IOException} naming it, at the latest when its
     * last byte is read. Relative handles (savepoints) need {@link #openState(StateHandle, String)}.
     */
    InputStream openState(StateHandle handle) throws IOException;

    /**
     * Reads a state file of the checkpoint or savepoint {@code checkpointPointer} (its directory or
     * metadata file): a relative handle is resolved against that directory, an absolute one is used as is.
     */
    InputStream openState(StateHandle handle, String checkpointPointer) throws IOException;

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
