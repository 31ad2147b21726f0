package io.eddy.runtime.checkpoint;

import java.io.Serializable;

/**
 * A state file of a checkpoint: where it is and how large. Small and serializable: it travels in
 * acknowledgements to the coordinator and in the checkpoint's metadata.
 */
public record StateHandle(String path, long size) implements Serializable {}
