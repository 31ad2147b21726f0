package io.eddy.runtime.checkpoint;


import java.io.Serializable;
import java.util.List;

/**
 * What a new subtask of an operator restores from a checkpoint: the keyed state files of all old
 * subtasks (each subtask reads the key groups of its range) and the operator state files of all
 * old subtasks in subtask order (redistributed).
 */
public record OperatorRestore(List<KeyGroupsStateHandle> keyedState, List<StateHandle> operatorState)
        implements Serializable {}
