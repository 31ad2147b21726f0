package io.eddy.state.hdfs;

import io.eddy.runtime.checkpoint.CheckpointLocation;
import io.eddy.runtime.checkpoint.CheckpointLocation.StateOutputStream;
import io.eddy.runtime.checkpoint.CheckpointRetention;
import io.eddy.runtime.checkpoint.StateHandle;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The behaviour of {@link HadoopCheckpointStorage}, run against each file system by a subclass. */
abstract class HadoopCheckpointStorageTestBase {
    private final Random random = new Random(42);

    HadoopCheckpointStorage storage;
    /** A fresh job per test, so that tests sharing a file system do not see each other. */
    String jobId;

    /** A directory URI of the file system under test, unique to the test class. */
    abstract String baseUri();

    abstract Configuration hadoopConf();

    @BeforeEach
    void createStorage() throws IOException {
        storage = new HadoopCheckpointStorage(baseUri() + "/checkpoints", baseUri() + "/savepoints", hadoopConf());
        jobId = UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void stateAndMetadataReadBackByteExact() throws IOException {
        CheckpointLocation location = storage.initializeCheckpoint(jobId, 1);
        assertEquals(storage.baseDirectory() + "/" + jobId + "/chk-1", location.pointer());
        byte[][] states = {new byte[0], new byte[] {7}, randomBytes(3 * 1024 * 1024 + 17)};
        List<StateHandle> handles = new ArrayList<>();
        for (byte[] state : states) {
            handles.add(writeState(location, "operator-1/subtask 0", state));
        }
        byte[] metadata = "metadata of checkpoint 1".getBytes(StandardCharsets.UTF_8);
        location.commitMetadata(metadata);

        assertArrayEquals(metadata, storage.readMetadata(location.pointer()));
        assertArrayEquals(metadata, storage.readMetadata(location.pointer() + "/_metadata"));
        for (int i = 0; i < states.length; i++) {
            StateHandle handle = handles.get(i);
            assertTrue(handle.path().startsWith(location.pointer() + "/operator-1_subtask_0-"), handle.path());
            assertEquals(states[i].length, handle.size());
            assertArrayEquals(states[i], read(storage.openState(handle)));
            assertArrayEquals(states[i], read(storage.openState(handle, location.pointer())));
        }
        assertEquals(List.of(location.pointer()), storage.listCompleted(jobId));
        assertEquals(List.of(), storage.listIncomplete(jobId));
    }

    @Test
    void stateWrittenByteByByteReadsBackByteByByte() throws IOException {
        CheckpointLocation location = storage.initializeCheckpoint(jobId, 1);
        byte[] state = randomBytes(1000);
        StateHandle handle;
        try (StateOutputStream out = location.createStateOutput("bytes")) {
            for (byte b : state) {
                out.write(b);
            }
            handle = out.closeAndGetHandle();
        }
        try (InputStream in = storage.openState(handle)) {
            for (byte b : state) {
                assertEquals(b & 0xff, in.read());
            }
            assertEquals(-1, in.read());
        }
    }

    @Test
    void completedCheckpointsAreListedNewestFirst() throws IOException {
        String chk2 = completeCheckpoint(2);
        String chk10 = completeCheckpoint(10);
        String chk3 = abortedCheckpoint(3);
        String chk1 = completeCheckpoint(1);

        assertEquals(List.of(chk10, chk2, chk1), storage.listCompleted(jobId));
        assertEquals(List.of(chk3), storage.listIncomplete(jobId));
        assertEquals(List.of(), storage.listCompleted("no-such-job"));
    }

    @Test
    void abortedCheckpointIsNotCompletedAndRetentionCleansItUp() throws IOException {
        String chk1 = completeCheckpoint(1);
        String chk2 = abortedCheckpoint(2);
        assertEquals(List.of(chk1), storage.listCompleted(jobId));
        assertEquals(List.of(chk2), storage.listIncomplete(jobId));
        assertThrows(FileNotFoundException.class, () -> storage.readMetadata(chk2));

        String chk3 = completeCheckpoint(3);
        String chk4 = abortedCheckpoint(4); // newer than the newest completed one: may still be running
        List<String> discarded = new CheckpointRetention(storage, 1).onCheckpointCompleted(jobId);

        assertEquals(List.of(chk1, chk2), discarded.stream().sorted().toList());
        assertEquals(List.of(chk3), storage.listCompleted(jobId));
        assertEquals(List.of(chk4), storage.listIncomplete(jobId));
        assertFalse(fs().exists(new Path(chk2)));
    }

    @Test
    void retentionKeepsExactlyTheNewestN() throws IOException {
        CheckpointRetention retention = new CheckpointRetention(storage, 3);
        List<String> pointers = new ArrayList<>();
        for (long id = 1; id <= 6; id++) {
            pointers.add(completeCheckpoint(id));
            retention.onCheckpointCompleted(jobId);
            assertEquals(Math.min(id, 3), storage.listCompleted(jobId).size());
        }
        assertEquals(List.of(pointers.get(5), pointers.get(4), pointers.get(3)), storage.listCompleted(jobId));
        for (String gone : pointers.subList(0, 3)) {
            assertFalse(fs().exists(new Path(gone)), gone);
        }
    }

    @Test
    void metadataIsNeverOverwritten() throws IOException {
        CheckpointLocation location = storage.initializeCheckpoint(jobId, 5);
        location.commitMetadata(new byte[] {1});

        IOException e = assertThrows(IOException.class, () -> location.commitMetadata(new byte[] {2}));
        assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
        assertThrows(IOException.class, () -> storage.resolveLocation(location.pointer()).commitMetadata(new byte[] {3}));
        assertThrows(IOException.class, () -> storage.initializeCheckpoint(jobId, 5));

        assertArrayEquals(new byte[] {1}, storage.readMetadata(location.pointer()));
        assertEquals(List.of("_metadata"), fileNames(location.pointer()), "no temporary metadata files are left");
    }

    @Test
    void concurrentCheckpointsOfOneJobInDifferentDirectories() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> checkpoints = new ArrayList<>();
            for (long id = 20; id < 24; id++) {
                long checkpointId = id;
                Callable<String> checkpoint = () -> {
                    CheckpointLocation location = storage.initializeCheckpoint(jobId, checkpointId);
                    List<StateHandle> handles = new ArrayList<>();
                    for (int task = 0; task < 8; task++) {
                        handles.add(writeState(location, "task", stateOf(checkpointId, task)));
                    }
                    location.commitMetadata(String.valueOf(checkpointId).getBytes(StandardCharsets.UTF_8));
                    for (int task = 0; task < 8; task++) {
                        assertArrayEquals(stateOf(checkpointId, task), read(storage.openState(handles.get(task))));
                    }
                    return location.pointer();
                };
                checkpoints.add(executor.submit(checkpoint));
            }
            List<String> pointers = new ArrayList<>();
            for (Future<String> f : checkpoints) {
                pointers.add(f.get());
            }
            Collections.reverse(pointers);
            assertEquals(pointers, storage.listCompleted(jobId));
            for (String pointer : pointers) {
                assertEquals(9, fileNames(pointer).size());
                assertEquals(pointer.substring(pointer.lastIndexOf("chk-") + 4),
                        new String(storage.readMetadata(pointer), StandardCharsets.UTF_8));
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void corruptStateFileIsReportedWithItsPath() throws IOException {
        CheckpointLocation location = storage.initializeCheckpoint(jobId, 1);
        StateHandle handle = writeState(location, "op", randomBytes(100_000));
        byte[] file = readRaw(handle.path());
        file[50_000] ^= 0x10;
        rewriteRaw(handle.path(), file);

        IOException e = assertThrows(IOException.class, () -> read(storage.openState(handle)));
        assertEquals("state file " + handle.path() + " is corrupt: the CRC32 of its 100000 state bytes does not match its footer",
                e.getMessage());
    }

    @Test
    void truncatedStateFileIsReportedWithItsPath() throws IOException {
        CheckpointLocation location = storage.initializeCheckpoint(jobId, 1);
        StateHandle handle = writeState(location, "op", randomBytes(100_000));
        byte[] file = readRaw(handle.path());
        rewriteRaw(handle.path(), Arrays.copyOf(file, 60_000));

        IOException e = assertThrows(IOException.class, () -> storage.openState(handle));
        assertTrue(e.getMessage().startsWith("state file " + handle.path() + " is corrupt: "), e.getMessage());

        rewriteRaw(handle.path(), Arrays.copyOf(file, 3));
        e = assertThrows(IOException.class, () -> storage.openState(handle));
        assertTrue(e.getMessage().startsWith("state file " + handle.path() + " is corrupt: "), e.getMessage());
    }

    @Test
    void corruptMetadataIsReportedWithItsPath() throws IOException {
        String pointer = completeCheckpoint(1);
        String metadata = pointer + "/_metadata";
        byte[] file = readRaw(metadata);
        file[5] ^= 0x01;
        rewriteRaw(metadata, file);

        IOException e = assertThrows(IOException.class, () -> storage.readMetadata(pointer));
        assertTrue(e.getMessage().startsWith("state file " + metadata + " is corrupt: "), e.getMessage());
    }

    @Test
    void readMetadataOfMissingCheckpointNamesTheDirectory() throws IOException {
        String aborted = abortedCheckpoint(1);
        IOException e = assertThrows(FileNotFoundException.class, () -> storage.readMetadata(aborted));
        assertEquals(aborted + " is not a completed checkpoint or savepoint: no _metadata in " + aborted, e.getMessage());

        String missing = storage.baseDirectory() + "/" + jobId + "/chk-99";
        e = assertThrows(FileNotFoundException.class, () -> storage.readMetadata(missing + "/_metadata"));
        assertEquals(missing + "/_metadata is not a completed checkpoint or savepoint: no _metadata in " + missing,
                e.getMessage());
    }

    @Test
    void resolvedLocationWritesIntoTheSameCheckpoint() throws IOException {
        CheckpointLocation coordinator = storage.initializeCheckpoint(jobId, 7);
        CheckpointLocation task = storage.resolveLocation(coordinator.pointer());
        assertEquals(coordinator.pointer(), task.pointer());
        byte[] state = randomBytes(4096);
        StateHandle handle = writeState(task, "task", state);
        coordinator.commitMetadata(new byte[] {7});

        assertTrue(handle.path().startsWith(coordinator.pointer() + "/"), handle.path());
        assertArrayEquals(state, read(storage.openState(handle)));
        assertThrows(FileNotFoundException.class, () -> storage.resolveLocation(storage.baseDirectory() + "/" + jobId + "/chk-8"));
    }

    @Test
    void abandonedStateOutputLeavesNoFile() throws IOException {
        CheckpointLocation location = storage.initializeCheckpoint(jobId, 1);
        try (StateOutputStream out = location.createStateOutput("abandoned")) {
            out.write(randomBytes(1000));
        }
        assertEquals(List.of(), fileNames(location.pointer()));
    }

    @Test
    void savepointIsSelfContainedAndMovable() throws IOException {
        CheckpointLocation savepoint = storage.initializeSavepoint(null, jobId);
        Path directory = new Path(savepoint.pointer());
        assertEquals(storage.baseDirectory().replace("/checkpoints", "/savepoints"), directory.getParent().toString());
        assertTrue(directory.getName().startsWith("savepoint-" + jobId.substring(0, 6) + "-"), directory.getName());

        byte[] state = randomBytes(200_000);
        StateHandle handle = writeState(savepoint, "op", state);
        StateHandle fromTask = writeState(storage.resolveLocation(savepoint.pointer()), "task", state);
        assertFalse(handle.path().contains("/"), "savepoint handles are relative: " + handle.path());
        assertFalse(fromTask.path().contains("/"), "savepoint handles are relative: " + fromTask.path());
        savepoint.commitMetadata(new byte[] {42});
        assertThrows(IllegalArgumentException.class, () -> storage.openState(handle));

        Path moved = new Path(baseUri() + "/moved/" + jobId + "/renamed-savepoint");
        fs().mkdirs(moved.getParent());
        assertTrue(fs().rename(directory, moved));
        assertFalse(fs().exists(directory));

        assertArrayEquals(new byte[] {42}, storage.readMetadata(moved.toString()));
        assertArrayEquals(state, read(storage.openState(handle, moved.toString())));
        assertArrayEquals(state, read(storage.openState(fromTask, moved + "/_metadata")));
    }

    @Test
    void savepointGoesToTheGivenDirectory() throws IOException {
        String target = baseUri() + "/elsewhere/" + jobId;
        CheckpointLocation savepoint = storage.initializeSavepoint(target, jobId);
        assertEquals(fs().makeQualified(new Path(target)), new Path(savepoint.pointer()).getParent());
        assertTrue(fs().getFileStatus(new Path(savepoint.pointer())).isDirectory());
    }

    @Test
    void discardDeletesRecursivelyAndRefusesOtherDirectories() throws IOException {
        String pointer = completeCheckpoint(1);
        storage.discard(pointer);
        assertFalse(fs().exists(new Path(pointer)));
        assertEquals(List.of(), storage.listCompleted(jobId));
        storage.discard(pointer); // already gone: nothing to do

        String savepoint = storage.initializeSavepoint(null, jobId).pointer();
        storage.discard(savepoint);
        assertFalse(fs().exists(new Path(savepoint)));

        assertThrows(IllegalArgumentException.class, () -> storage.discard(storage.baseDirectory() + "/" + jobId));
        assertThrows(IllegalArgumentException.class, () -> storage.discard(storage.baseDirectory()));
    }

    /** A completed checkpoint with two state files. */
    String completeCheckpoint(long id) throws IOException {
        CheckpointLocation location = storage.initializeCheckpoint(jobId, id);
        writeState(location, "a", randomBytes(100));
        writeState(location, "b", randomBytes(100));
        location.commitMetadata(new byte[] {(byte) id});
        return location.pointer();
    }

    /** A checkpoint that failed after its tasks wrote state: no metadata. */
    String abortedCheckpoint(long id) throws IOException {
        CheckpointLocation location = storage.initializeCheckpoint(jobId, id);
        writeState(location, "a", randomBytes(100));
        return location.pointer();
    }

    static StateHandle writeState(CheckpointLocation location, String name, byte[] state) throws IOException {
        try (StateOutputStream out = location.createStateOutput(name)) {
            out.write(state);
            return out.closeAndGetHandle();
        }
    }

    static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] stateOf(long checkpointId, int task) {
        return ("state of task " + task + " in checkpoint " + checkpointId).repeat(1000).getBytes(StandardCharsets.UTF_8);
    }

    byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    FileSystem fs() throws IOException {
        return new Path(baseUri()).getFileSystem(hadoopConf());
    }

    private List<String> fileNames(String directory) throws IOException {
        return Arrays.stream(fs().listStatus(new Path(directory))).map(s -> s.getPath().getName()).sorted().toList();
    }

    private byte[] readRaw(String file) throws IOException {
        return read(fs().open(new Path(file)));
    }

    /** Replaces a file's bytes through the file system, so that only our own checks can notice. */
    private void rewriteRaw(String file, byte[] bytes) throws IOException {
        try (FSDataOutputStream out = fs().create(new Path(file), true)) {
            out.write(bytes);
        }
    }
}
