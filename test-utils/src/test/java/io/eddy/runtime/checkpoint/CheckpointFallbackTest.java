package io.eddy.runtime.checkpoint;

import io.eddy.testutils.checkpoint.InMemoryCheckpointStorage;
import io.eddy.api.execution.CheckpointConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Restores fall back to the previous completed checkpoint when the newest cannot be read. */
class CheckpointFallbackTest {
    private final InMemoryCheckpointStorage storage = new InMemoryCheckpointStorage();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private CheckpointCoordinator coordinator() throws Exception {
        CheckpointConfig config = new CheckpointConfig().setCheckpointInterval(1000).setNumRetainedCheckpoints(2);
        return new CheckpointCoordinator("job", config, storage, timer, timer, failure -> {});
    }

    /** A completed checkpoint whose one operator has an operator state file. */
    private StateHandle complete(long id) throws Exception {
        CheckpointLocation location = storage.initializeCheckpoint("job", id);
        CheckpointLocation.StateOutputStream out = location.createStateOutput("state");
        out.write(new byte[] {1, 2, 3});
        StateHandle handle = out.closeAndGetHandle();
        SubtaskState subtask = new SubtaskState(List.of(new OperatorSnapshot("op", null, handle)), null, false);
        location.commitMetadata(new CompletedCheckpoint(id, 0, Map.of("v", List.of(subtask))).toBytes());
        return handle;
    }

    @Test
    void newestReadableCheckpointIsRestored() throws Exception {
        complete(1);
        complete(2);
        assertEquals(2, coordinator().latestRestorable().get().checkpoint().checkpointId());
    }

    @Test
    void missingStateFileFallsBackToThePreviousCheckpoint() throws Exception {
        complete(1);
        StateHandle newest = complete(2);
        storage.delete(newest);
        assertEquals(1, coordinator().latestRestorable().get().checkpoint().checkpointId());
    }

    @Test
    void corruptMetadataFallsBackToThePreviousCheckpoint() throws Exception {
        complete(1);
        complete(2);
        storage.overwrite(new StateHandle("mem://job/chk-2/_metadata", 0), new byte[] {42});
        assertEquals(1, coordinator().latestRestorable().get().checkpoint().checkpointId());
    }

    @Test
    void noRestorableCheckpoint() throws Exception {
        complete(1);
        storage.overwrite(new StateHandle("mem://job/chk-1/_metadata", 0), new byte[0]);
        assertNull(coordinator().latestRestorable().get());
    }
}
