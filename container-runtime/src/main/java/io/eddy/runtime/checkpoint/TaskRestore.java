package io.eddy.runtime.checkpoint;

import java.io.Serializable;
import java.util.Map;

/**
 * The state a redeployed subtask starts from: per operator id, see {@link OperatorSnapshot}.
 * Source splits are not here; they replace the subtask's fresh splits in its deployment.
 */
public record TaskRestore(long checkpointId, Map<String, OperatorRestore> operators) implements Serializable {}
