package io.eddy.runtime.checkpoint;

import java.io.Serializable;
import java.util.List;

/**
 * What one subtask contributed to a checkpoint: the files of its operators and, for a source, its
 * unfinished splits with their positions (serialized; small, so they travel in the metadata).
 *
 * @param inputEnded the subtask had reached the end of its input (it waited FINISHING): its operators
 *     had run their {@code endInput}; false in metadata written before this field existed
 */
public record SubtaskState(List<OperatorSnapshot> operators, byte[] sourceSplits, boolean inputEnded)
        implements Serializable {}
