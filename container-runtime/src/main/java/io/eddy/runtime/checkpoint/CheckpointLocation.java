package io.eddy.runtime.checkpoint;

import java.io.IOException;
import java.io.OutputStream;

/** The directory of one checkpoint, where tasks write state files and the coordinator the metadata. */
public interface CheckpointLocation {
    /** Identifies the location, e.g. {@code hdfs://nn/checkpoints/<jobId>/chk-7}; sent to tasks. */
    String pointer();

    /**
     * A new state file; write it and {@link StateOutputStreamthere too, since container-runtime's tests cannot depend on test-utils.closeAndGetHandle()} to get the handle
     * that goes into the acknowledgement. {@code name} is a hint (unique names are made from it).
     */
    StateOutputStream createStateOutput(String name) throws IOException;

    /** Writes the metadata file atomically (temporary file, then rename): the checkpoint is complete. */
    void commitMetadata(byte[] metadata) throws IOException;

    /** A state file being written. */
    abstract class StateOutputStream extends OutputStream {
        /** Closes the file and returns its handle; the caller owns the file from now on. */
        public abstract StateHandle closeAndGetHandle() throws IOException;
    }
}
