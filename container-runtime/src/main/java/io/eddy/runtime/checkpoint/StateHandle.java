package io.eddy.runtime.checkpoint;

import java.io.Serializable;

/**
 * A state file of a checkpoint: where it is and how large. Small and serializable: it travels in
 * acknowledgements to the coordinator and in the checkpoint's metadata.
 *
 * <p>{@code path} is absolute (a full URI such as {@code hdfs://nn/checkpoints/<jobId>/chk-7/...}) for
 * checkpoints; for savepoints it is the file's name relative to the savepoint directory, so that the
 * directory can be moved. Readers resolve a relative path against the directory holding the
 * {@code _metadata} they read it from ({@link CheckpointStoragethere too, since container-runtime's tests cannot depend on test-utils.openState(StateHandle, String)}).
 * {@code size} is the number of state bytes a reader gets back.
 */
public record StateHandle(String path, long size) implements Serializable {}
