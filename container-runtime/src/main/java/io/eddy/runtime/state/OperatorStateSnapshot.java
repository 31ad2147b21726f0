package io.eddy.runtime.state;

import io.eddy.runtime.checkpoint.CheckpointLocation;
import io.eddy.runtime.checkpoint.StateHandle;

import java.io.IOException;

/** The operator state of one subtask, serialized in the task thread by {@link HeapOperatorStateStorethere too, since container-runtime's tests cannot depend on test-utils.snapshot}. */
public final class OperatorStateSnapshot {
    private final long checkpointId;
    private final byte[] content;

    OperatorStateSnapshot(long checkpointId, byte[] content) {
        this.checkpointId = checkpointId;
        this.content = content;
    }

    /** The asynchronous part: writes the state file. */
    public StateHandle writeTo(CheckpointLocation location) throws IOException {
        CheckpointLocation.StateOutputStream file = location.createStateOutput("operator-state-" + checkpointId);
        try {
            file.write(content);
            return file.closeAndGetHandle();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }
}
