package io.eddy.runtime.exchange;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.checkpoint.CheckpointOptions;

import java.util.List;

/** Receives what a {@link StreamInputReader} decodes; implemented by the task around its head operator. */
public interface ElementHandler {
    /** @param input 0, or 1 for the second input of a two-input operator */
    void processRecord(int input, Object record, long timestamp) throws Exception;

    /**
     * Whether records of logical input {@code input} written by {@code serializer} go to
     * {@link #processSerializedRecord} as bytes instead of deserialized to {@link #processRecord};
     * asked once per channel, when the reader is created.
     */
    default boolean takesSerializedRecords(int input, TypeSerializer<?> serializer) {
        return false;
    }

    /** One record of {@code input} as the next {@code length} bytes of {@code in}, which this call reads exactly. */
    default void processSerializedRecord(int input, DataInputView in, int length) throws Exception {
        throw new IllegalStateException("Serialized records of input " + input + " were not asked for");
    }

    /**
     * Every channel of logical input {@code input} ended; elements of the other input may follow.
     * When both end, the reader's {@link StreamInputReader.Status#END} comes after both calls.
     */
    default void endOfInput(int input) throws Exception {}

    /** The minimum watermark over all channels advanced. */
    void processWatermark(long watermark) throws Exception;

    /** Every channel that has not ended went idle ({@code true}), or one became active again. */
    void processWatermarkStatus(boolean idle) throws Exception;

    /**
     * The barrier of checkpoint {@code checkpointId} arrived on every channel that has not ended
     * (and, in exactly-once mode, the channels are aligned): snapshot now and forward the barrier.
     *
     * @param alignmentNanos from the first of these barriers to arrive to the last (or to the end of
     *     the channels that ended meanwhile); 0 with one channel
     */
    default void processCheckpointBarrier(long checkpointId, long timestamp, CheckpointOptions options,
            long alignmentNanos) throws Exception {
        throw new IllegalStateException("Checkpoint barrier " + checkpointId + " in a job without checkpoints");
    }

    /**
     * The barriers of unaligned checkpoint {@code checkpointId}, for which
     * {@link #processCheckpointBarrier} ran at the first of them, have now arrived on every channel
     * (or the channel ended): {@code inputChannelState} holds, per channel of the gate, the buffers
     * read from it between the snapshot and its barrier (and a record that was only partly read at
     * the snapshot), which belong to the checkpoint. Not called for a checkpoint abandoned for a
     * newer one.
     */
    default void processInputChannelState(long checkpointId, List<List<byte[]>> inputChannelState) throws Exception {
        throw new IllegalStateException("Unaligned checkpoint " + checkpointId + " in a task that cannot store it");
    }
}
