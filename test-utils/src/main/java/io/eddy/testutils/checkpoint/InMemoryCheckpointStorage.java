package io.eddy.testutils.checkpoint;

import io.eddy.runtime.checkpoint.CheckpointLocation;
import io.eddy.runtime.checkpoint.CheckpointRetention;
import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.runtime.checkpoint.StateHandle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Checkpoint storage in memory, for tests: files are byte arrays by path. A hook called before
 * every write to a state file lets tests slow the writer down or make it wait.
 */
public final class InMemoryCheckpointStorage implements CheckpointStorage {
    private final Map<String, byte[]> files = new ConcurrentSkipListMap<>();
    private final Map<String, Integer> fileCounts = new ConcurrentHashMap<>();
    private volatile Runnable beforeWrite = () -> {};
    private volatile Runnable beforeMetadata = () -> {};

    /** Runs {@code hook} in the writing thread before each write to a state file. */
    public void beforeEachWrite(Runnable hook) {
        this.beforeWrite = hook;
    }

    /** Runs {@code hook} in the completing thread before each metadata file is written. */
    public void beforeEachMetadataCommit(Runnable hook) {
        this.beforeMetadata = hook;
    }

    /** Replaces the content of a stored file, e.g. to corrupt it. */
    public void overwrite(StateHandle handle, byte[] content) {
        files.put(handle.path(), content);
    }

    /** Removes a stored file, e.g. to lose it. */
    public void delete(StateHandle handle) {
        files.remove(handle.path());
    }

    public byte[] read(StateHandle handle) throws IOException {
        try (InputStream in = openState(handle)) {
            return in.readAllBytes();
        }
    }

    @Override
    public CheckpointLocation initializeCheckpoint(String jobId, long checkpointId) {
        return resolveLocation("mem://" + jobId + "/chk-" + checkpointId);
    }

    @Override
    public CheckpointLocation resolveLocation(String pointer) {
        return new CheckpointLocation() {
            @Override
            public String pointer() {
                return pointer;
            }

            @Override
            public StateOutputStream createStateOutput(String name) {
                String path = pointer + "/" + name + "-" + fileCounts.merge(pointer + "/" + name, 1, Integer::sum);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                return new StateOutputStream() {
                    @Override
                    public void write(int b) {
                        beforeWrite.run();
                        bytes.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        beforeWrite.run();
                        bytes.write(b, off, len);
                    }

                    @Override
                    public StateHandle closeAndGetHandle() {
                        files.put(path, bytes.toByteArray());
                        return new StateHandle(path, bytes.size());
                    }
                };
            }

            @Override
            public void commitMetadata(byte[] metadata) {
                beforeMetadata.run();
                files.put(pointer + "/_metadata", metadata);
            }
        };
    }

    @Override
    public InputStream openState(StateHandle handle) throws IOException {
        byte[] content = files.get(handle.path());
        if (content == null) {
            throw new FileNotFoundException(handle.path());
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public CheckpointLocation initializeSavepoint(String targetDirectory, String jobId) {
        return resolveLocation((targetDirectory == null ? "mem://savepoints" : targetDirectory) + "/savepoint-"
                + jobId.substring(0, Math.min(6, jobId.length())) + "-" + fileCounts.merge("savepoints", 1, Integer::sum));
    }

    @Override
    public InputStream openState(StateHandle handle, String checkpointPointer) throws IOException {
        if (handle.path().contains("://")) {
            return openState(handle);
        }
        String directory = checkpointPointer.endsWith("/_metadata")
                ? checkpointPointer.substring(0, checkpointPointer.length() - "/_metadata".length()) : checkpointPointer;
        return openState(new StateHandle(directory + "/" + handle.path(), handle.size()));
    }

    @Override
    public byte[] readMetadata(String checkpointPointer) throws IOException {
        return openState(new StateHandle(checkpointPointer + "/_metadata", -1)).readAllBytes();
    }

    @Override
    public List<String> listCompleted(String jobId) {
        List<String> completed = new ArrayList<>();
        files.keySet().stream().filter(p -> p.startsWith("mem://" + jobId + "/") && p.endsWith("/_metadata"))
                .forEach(p -> completed.add(p.substring(0, p.length() - "/_metadata".length())));
        // newest first by number: the paths sort chk-10 before chk-9
        completed.sort(Comparator.comparingLong(CheckpointRetention::checkpointId).reversed());
        return completed;
    }

    @Override
    public List<String> listIncomplete(String jobId) {
        return List.of();
    }

    @Override
    public void discard(String checkpointPointer) {
        files.keySet().removeIf(p -> p.startsWith(checkpointPointer + "/"));
    }
}
