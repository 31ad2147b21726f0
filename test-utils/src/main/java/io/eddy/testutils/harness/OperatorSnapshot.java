package io.eddy.testutils.harness;

import io.eddy.runtime.checkpoint.StateHandle;
import io.eddy.runtime.checkpoint.KeyGroupsStateHandle;

/**
 * What {@link OperatorTestHarness#snapshot()} took of one subtask: its keyed state and timers, written
 * per key group exactly as a checkpoint writes them, and its operator state. The files lie in the
 * JVM's in-memory checkpoint storage ({@code mem://}). {@link OperatorTestHarness#restore} puts the
 * snapshots of all subtasks of one run into a fresh harness, at the same or another parallelism.
 *
 * @param keyedState null when the operator is not keyed
 */
public record OperatorSnapshot(Subtask subtask, long checkpointId, KeyGroupsStateHandle keyedState,
        StateHandle operatorState) {}
