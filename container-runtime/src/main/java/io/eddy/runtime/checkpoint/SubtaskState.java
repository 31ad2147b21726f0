package io.eddy.runtime.checkpoint;

import java.io.Serializable;
import java.util.List;

/**
 * What one subtask contributed to a checkpoint: the files of its operators and, for a source, its
 * unfinished splits with their positions (serialized; small, so they travel in the metadata).
 */
public record SubtaskState(List<OperatorSnapshot> operators, byte[] sourceSplits) implements Serializable {}
