package io.eddy.runtime.translation;

import io.eddy.api.connector.source.Boundedness;
import io.eddy.api.execution.CheckpointingConfigOptions;
import io.eddy.api.execution.CoreOptions;
import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.execution.RuntimeExecutionMode;
import io.eddy.api.transformations.SourceTransformation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.types.TypeInfo;

import java.util.Collection;

/**
 * Decides whether a program runs in BATCH mode ({@link CoreOptions#RUNTIME_MODE}) and checks that it
 * can: BATCH needs bounded sources only and takes no checkpoints. AUTOMATIC is BATCH exactly when
 * every source is bounded and checkpointing is off. What BATCH mode changes in the job graph: every keyed operator reads its
 * input sorted by key ({@code io.eddy.runtime.operators.sortedinput}), grouping keys by their serialized
 * bytes (so a key type must serialize equal keys alike: {@link #checkKeyType}); watermark assigners emit
 * only the final watermark ({@code TimestampsAndWatermarksOperator.finalWatermarkOnly}); and the job is a
 * batch job for {@link BatchExchanges}, so its shuffles are blocking and it runs stage by stage.
 */
final class RuntimeModes {
    private RuntimeModes() {}

    /**
     * @param operators every operator of the program, sources included
     * @throws InvalidProgramException when BATCH is asked for a program that cannot run in it
     */
    static boolean isBatch(ExecutionConfig config, Collection<Transformation<?>> operators) {
        RuntimeExecutionMode mode = config.getRuntimeMode();
        if (mode == RuntimeExecutionMode.STREAMING) {
            return false;
        }
        SourceTransformation<?> unbounded = operators.stream()
                .filter(t -> t instanceof SourceTransformation<?> s && s.getSource().getBoundedness() != Boundedness.BOUNDED)
                .map(t -> (SourceTransformation<?>) t)
                .findFirst().orElse(null);
        boolean checkpointing = config.getCheckpointConfig().isCheckpointingEnabled();
        if (mode == RuntimeExecutionMode.AUTOMATIC) {
            return unbounded == null && !checkpointing; // asked-for checkpoints keep a bounded job streaming
        }
        if (unbounded != null) {
            throw new InvalidProgramException("Source '" + unbounded.getName() + "' is unbounded, but the job runs with "
                    + CoreOptions.RUNTIME_MODE.key() + ": BATCH, which needs every source to end. Make the source "
                    + "bounded (e.g. a file source without monitoring, fromSequence, fromCollection) or run the job "
                    + "with " + CoreOptions.RUNTIME_MODE.key() + ": STREAMING (or AUTOMATIC).");
        }
        if (checkpointing) {
            throw new InvalidProgramException("Checkpointing is enabled (every "
                    + config.getCheckpointConfig().getCheckpointInterval() + " ms), but the job runs with "
                    + CoreOptions.RUNTIME_MODE.key() + ": BATCH, which takes no checkpoints (a failed stage is "
                    + "recomputed from its blocking inputs instead). Remove enableCheckpointing(...) / "
                    + CheckpointingConfigOptions.INTERVAL.key() + ", or run the job in STREAMING mode.");
        }
        return true;
    }

    /**
     * Checks that a keyed operator of a BATCH program can group its keys by their serialized bytes, which
     * needs equal keys to serialize alike.
     *
     * @throws InvalidProgramException naming the operator, the key type and the fixes, when they may not
     */
    static void checkKeyType(String operator, TypeInfo<?> keyType) {
        if (keyType != null && !keyType.serializesEqualValuesAlike()) {
            throw new InvalidProgramException("Operator '" + operator + "' is keyed by " + keyType + ", whose "
                    + "serialized form may differ for equal keys (a generic type, serialized by Kryo, or a map). "
                    + CoreOptions.RUNTIME_MODE.key() + ": BATCH groups keys by their serialized bytes, so equal keys "
                    + "could be processed as different ones. Key by a type that serializes equal values alike: a "
                    + "number, String, enum, or a tuple, POJO or record of those (e.g. keyBy(e -> e.getId()) or a "
                    + "String built from the key's fields), or run the job with " + CoreOptions.RUNTIME_MODE.key()
                    + ": STREAMING.");
        }
    }
}
