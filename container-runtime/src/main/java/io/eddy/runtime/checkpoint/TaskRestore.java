package io.eddy.runtime.checkpoint;

import java.io.Serializable;
import java.util.Map;

/**
 * The state a redeployed subtask starts from: per operator id, see {@link OperatorSnapshot}.
 * Source splits are not here; they replace the subtask's fresh splits in its deployment.
 *
 * @param finished every subtask of the vertex, and of all vertices before it, had reached the end of
 *     its input at the checkpoint: what the vertex emitted is downstream already, so the subtask
 *     reads no input and does not end its operators' input again; it only restores its state, ends
 *     its outputs and waits for the final checkpoint
 */
public record TaskRestore(long checkpointId, Map<String, OperatorRestore> operators, boolean finished)
        implements Serializable {}
