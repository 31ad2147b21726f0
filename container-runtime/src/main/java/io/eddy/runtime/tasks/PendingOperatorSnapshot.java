package io.eddy.runtime.tasks;

import io.eddy.runtime.checkpoint.CheckpointLocation;
import io.eddy.runtime.checkpoint.OperatorSnapshot;
import io.eddy.runtime.state.KeyedStateSnapshot;
import io.eddy.runtime.state.OperatorStateSnapshot;

import java.io.IOException;

/** The synchronous part of one operator's snapshot, waiting to be written by a checkpoint writer thread. */
record PendingOperatorSnapshot(String operatorId, KeyedStateSnapshot keyedState, OperatorStateSnapshot operatorState) {
    OperatorSnapshot writeTo(CheckpointLocation location) throws IOException {
        return new OperatorSnapshot(operatorId, keyedState == null ? null : keyedState.writeTo(location),
                operatorState == null ? null : operatorState.writeTo(location));
    }

    /** Ends the copy-on-write of a keyed snapshot that will not be written. */
    void release() {
        if (keyedState != null) {
            keyedState.release();
        }
    }
}
