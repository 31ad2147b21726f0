package io.eddy.runtime.checkpoint;

import io.eddy.runtime.jobgraph.SerializedObjects;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The metadata of a completed checkpoint, as written to its {@code _metadata} file (Java
 * serialization): per vertex id, the state of each subtask in subtask order.
 */
public record CompletedCheckpoint(long checkpointId, long timestamp, Map<String, List<SubtaskState>> vertices)
        implements Serializable {

    public byte[] toBytes() throws IOException {
        return SerializedObjects.serialize(this);
    }

    public static CompletedCheckpoint fromBytes(byte[] bytes) throws IOException {
        try {
            return SerializedObjects.deserialize(bytes, CompletedCheckpoint.class.getClassLoader());
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("not checkpoint metadata of this version: " + e, e);
        }
    }

    /** Reads every state file to its end, so a missing, truncated or corrupt file fails here and not in a task. */
    public void verifyStateFiles(CheckpointStorage storage) throws IOException {
        for (List<SubtaskState> subtasks : vertices.values()) {
            for (SubtaskState subtask : subtasks) {
                for (OperatorSnapshot operator : subtask.operators()) {
                    if (operator.keyedState() != null) {
                        readFully(storage, operator.keyedState().file());
                    }
                    if (operator.operatorState() != null) {
                        readFully(storage, operator.operatorState());
                    }
                }
            }
        }
    }

    private static void readFully(CheckpointStorage storage, StateHandle handle) throws IOException {
        try (InputStream in = storage.openState(handle)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
