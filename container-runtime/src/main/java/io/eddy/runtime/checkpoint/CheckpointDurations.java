package io.eddy.runtime.checkpoint;

import java.io.Serializable;

/**
 * How long one subtask's part of a checkpoint took, in milliseconds; sent with its acknowledgement.
 *
 * @param alignmentMillis from the first barrier of the checkpoint arriving at the task to the last
 *     (0 for sources, tasks with one input channel and checkpoints triggered after the input ended)
 * @param syncMillis how long the snapshot held up the task thread
 * @param asyncMillis how long the checkpoint writer thread took to write the state files
 */
public record CheckpointDurations(long alignmentMillis, long syncMillis, long asyncMillis) implements Serializable {}
