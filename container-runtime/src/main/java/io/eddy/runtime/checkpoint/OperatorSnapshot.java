package io.eddy.runtime.checkpoint;


import java.io.Serializable;

/**
 * The state files of one operator of one subtask in one checkpoint.
 *
 * @param operatorId the operator's uid if it has one, else its vertex id and position in the chain
 * @param keyedState null when the operator is not keyed
 * @param operatorState null when the operator has no operator state
 */
public record OperatorSnapshot(String operatorId, KeyGroupsStateHandle keyedState, StateHandle operatorState)
        implements Serializable {}
