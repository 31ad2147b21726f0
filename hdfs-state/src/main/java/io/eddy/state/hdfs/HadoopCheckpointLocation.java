package io.eddy.state.hdfs;

import io.eddy.runtime.checkpoint.CheckpointLocation;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.UUID;

/**
 * A checkpoint or savepoint directory. State files are named {@code <hint>-<uuid>}; the metadata is
 * {@code _metadata}, written as {@code _metadata.inprogress-<uuid>} and renamed, so it appears
 * complete or not at all.
 */
final class HadoopCheckpointLocation implements CheckpointLocation {
    static final String METADATA_FILE = "_metadata";
    private static final int MAX_HINT_LENGTH = 64;

    private final FileSystem fs;
    private final Path directory;
    private final boolean relativeHandles;

    /** @param relativeHandles handles name files relative to {@code directory} (savepoints, which may move) */
    HadoopCheckpointLocation(FileSystem fs, Path directory, boolean relativeHandles) {
        this.fs = fs;
        this.directory = directory;
        this.relativeHandles = relativeHandles;
    }

    @Override
    public String pointer() {
        return directory.toString();
    }

    @Override
    public StateOutputStream createStateOutput(String name) throws IOException {
        String fileName = fileNameHint(name) + "-" + UUID.randomUUID();
        Path file = new Path(directory, fileName);
        return StateFileFormat.create(fs, file, relativeHandles ? fileName : file.toString());
    }

    @Override
    public void commitMetadata(byte[] metadata) throws IOException {
        Path target = new Path(directory, METADATA_FILE);
        if (fs.exists(target)) {
            throw alreadyCommitted(target);
        }
        Path temporary = new Path(directory, METADATA_FILE + ".inprogress-" + UUID.randomUUID());
        try (StateOutputStream out = StateFileFormat.create(fs, temporary, temporary.toString())) {
            out.write(metadata);
            out.closeAndGetHandle();
        }
        // HDFS refuses to rename onto an existing file atomically; the local file system would replace
        // it, which the check above prevents as long as only the coordinator commits (it is the only writer).
        boolean renamed;
        try {
            renamed = fs.rename(temporary, target);
        } catch (IOException e) {
            fs.delete(temporary, false);
            throw e;
        }
        if (!renamed) {
            fs.delete(temporary, false);
            if (fs.exists(target)) {
                throw alreadyCommitted(target);
            }
            throw new IOException("could not rename " + temporary + " to " + target);
        }
    }

    private static IOException alreadyCommitted(Path target) {
        return new FileAlreadyExistsException(target + " already exists: the metadata of a checkpoint is never overwritten");
    }

    /** Keeps file names portable across file systems; the hint only helps people reading listings. */
    private static String fileNameHint(String name) {
        String hint = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (hint.isEmpty() || hint.startsWith(".") || hint.startsWith("_")) {
            hint = "state" + hint; // Hadoop tools treat names starting with . or _ as hidden
        }
        return hint.length() > MAX_HINT_LENGTH ? hint.substring(0, MAX_HINT_LENGTH) : hint;
    }

    @Override
    public String toString() {
        return pointer();
    }
}
