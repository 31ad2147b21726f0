package io.eddy.runtime.exchange;

import io.eddy.runtime.execution.ExecutionAttemptId;

import java.io.Serializable;

/** The output number {@code output} of one producing subtask attempt. */
public record ResultPartitionId(ExecutionAttemptId producer, int output) implements Serializable {}
