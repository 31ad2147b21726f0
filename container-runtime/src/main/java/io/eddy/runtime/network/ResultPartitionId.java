package io.eddy.runtime.network;

import java.io.Serializable;

/** The output number {@code output} of one producing subtask attempt. */
public record ResultPartitionId(ExecutionAttemptId producer, int output) implements Serializable {}
