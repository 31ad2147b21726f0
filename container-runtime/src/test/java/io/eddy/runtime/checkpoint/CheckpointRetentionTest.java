package io.eddy.runtime.checkpoint;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The parts of {@link CheckpointRetention} that need no storage; hdfs-state runs it against real file systems. */
class CheckpointRetentionTest {
    @Test
    void checkpointIdIsTheNumberOfTheLastPathComponent() {
        assertEquals(7, CheckpointRetention.checkpointId("hdfs://nn:8020/eddy/checkpoints/job/chk-7"));
        assertEquals(12, CheckpointRetention.checkpointId("file:/tmp/checkpoints/job/chk-12/"));
        assertThrows(IllegalArgumentException.class, () -> CheckpointRetention.checkpointId("file:/tmp/job/savepoint-ab-12"));
        assertThrows(IllegalArgumentException.class, () -> CheckpointRetention.checkpointId("file:/tmp/job/chk-x"));
    }

    @Test
    void atLeastOneCheckpointIsRetained() {
        assertThrows(IllegalArgumentException.class, () -> new CheckpointRetention(null, 0));
    }
}
