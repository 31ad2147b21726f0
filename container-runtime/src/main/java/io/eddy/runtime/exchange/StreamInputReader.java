package io.eddy.runtime.exchange;

import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.operators.Output;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.checkpoint.CheckpointOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the {@link StreamFormat} byte streams of an {@link InputGate}'s channels. Records that
 * lie within one buffer, nearly all of them, are deserialized straight from the buffer; a record
 * that spans buffers is assembled in its channel's spill array first. A handler may take a channel's
 * records as their bytes instead ({@link ElementHandler#takesSerializedRecords}). Watermarks are combined
 * across channels: the reader forwards the minimum over the channels that have neither ended nor
 * gone idle; when all of them are idle, so is the reader's output.
 *
 * <p>Checkpoint barriers: when the barrier of a checkpoint has arrived on every channel that has
 * not ended, the handler snapshots. With alignment (exactly once), a channel whose barrier arrived
 * is blocked in the gate, and the rest of its current buffer set aside, until then, so no record
 * after the barrier is processed before the snapshot. Without alignment (at least once) records
 * keep flowing. A barrier of a newer checkpoint abandons the alignment of an older one. The handler
 * learns the alignment time: from the first barrier of the checkpoint to the event that completed
 * it, read from the clock at those rare events only, so 0 with one channel.
 *
 * <p>Unaligned checkpoints (the barrier says so): the handler snapshots at the <em>first</em>
 * barrier, which its producer sent ahead of the data queued for this task, and nothing is blocked.
 * From then on every buffer read from a channel whose barrier has not arrived yet is copied: it
 * precedes that barrier, so the checkpoint must hold it. A record only partly read at the snapshot
 * is held as well. When the last barrier arrived (or its channels ended) the copies go to the
 * handler ({@link ElementHandler#processInputChannelState}); a newer barrier abandons them. Copying
 * happens per buffer and only while a checkpoint records.
 *
 * <p>Two inputs: the handler learns when every channel of a logical input ended
 * ({@link ElementHandler#endOfInput}). {@link #readFirst} holds one input back until the other ended,
 * for a batch operator that builds from one input and streams the other past it.
 *
 * <p>Used by the consuming task's thread only.
 */
public final class StreamInputReader {
    /** Result of {@link #processNext}. */
    public enum Status {
        /** An element was processed or a buffer consumed; call again. */
        MORE,
        /** No buffer is available now; wait for the gate. */
        NOTHING_AVAILABLE,
        /** Every channel sent end-of-partition. */
        END
    }

    /** Decoding state of one channel. */
    private static final class Channel {
        final int index;
        final TypeSerializer<Object> serializer;
        final int input;
        /** Records go to the handler as bytes ({@link ElementHandler#takesSerializedRecords}). */
        final boolean serialized;
        boolean barrierArrived;
        /** The rest of the buffer in which the barrier arrived, while the channel is blocked. */
        NetworkBuffer setAside;
        int setAsidePosition;
        long watermark = Long.MIN_VALUE;
        boolean ended;
        boolean idle;
        /** While an unaligned checkpoint records: what of this channel belongs to it; else null. */
        List<byte[]> channelState;
        /** The unaligned checkpoint records this channel's buffers: its barrier has not arrived yet. */
        boolean recording;
        byte[] span = new byte[0];
        int spanLength;
        int spanFilled;

        Channel(int index, TypeSerializer<Object> serializer, int input, boolean serialized) {
            this.index = index;
            this.serializer = serializer;
            this.input = input;
            this.serialized = serialized;
        }

        boolean spanning() {
            return spanFilled < spanLength;
        }
    }

    private final InputGate gate;
    private final Channel[] channels;
    private final ElementHandler handler;
    private final boolean alignBarriers;
    /** Channels unblocked with a set-aside buffer: read before the gate, to keep each channel's order. */
    private final ArrayDeque<Channel> resumable = new ArrayDeque<>();
    private long pendingCheckpoint = -1;
    private long pendingTimestamp;
    private CheckpointOptions pendingOptions;
    private int barriersArrived;
    /** Channels an unaligned checkpoint still records (their barrier has not arrived). */
    private int recordingChannels;
    /** An unaligned checkpoint snapshotted and waits for the rest of its channels' state. */
    private boolean recordingCheckpoint;
    /** {@link System#nanoTime()} when the first barrier of the pending checkpoint arrived. */
    private long alignmentStart;
    private final SegmentInputView view = new SegmentInputView();
    private final SegmentInputView spanView = new SegmentInputView();
    private final SegmentInputView eventView = new SegmentInputView();
    private NetworkBuffer buffer;
    private Channel current;
    private int endedChannels;
    /** Per logical input, its channels that have not ended. */
    private final int[] openChannels;
    /** The logical input read to its end before the other ({@link #readFirst}), or -1. */
    private int firstInput = -1;
    private boolean drained;
    private long combinedWatermark = Long.MIN_VALUE;
    private boolean allIdle;
    private long bytesIn;

    /** A reader that aligns checkpoint barriers. */
    public StreamInputReader(InputGate gate, TypeSerializer<?>[] serializers, int[] inputs, ElementHandler handler) {
        this(gate, serializers, inputs, handler, true);
    }

    /**
     * @param serializers the record serializer of each channel of the gate
     * @param inputs the logical input (0 or 1) of each channel
     * @param alignBarriers whether to align checkpoint barriers (exactly once) or not (at least once)
     */
    @SuppressWarnings("unchecked")
    public StreamInputReader(InputGate gate, TypeSerializer<?>[] serializers, int[] inputs, ElementHandler handler,
            boolean alignBarriers) {
        this.gate = gate;
        this.handler = handler;
        this.alignBarriers = alignBarriers;
        this.channels = new Channel[serializers.length];
        this.openChannels = new int[Arrays.stream(inputs).max().orElse(0) + 1];
        for (int i = 0; i < serializers.length; i++) {
            channels[i] = new Channel(i, (TypeSerializer<Object>) serializers[i], inputs[i],
                    handler.takesSerializedRecords(inputs[i], serializers[i]));
            openChannels[inputs[i]]++;
        }
    }

    public long getBytesIn() {
        return bytesIn;
    }

    /** Whether a channel ended because its producer was drained for a final savepoint. */
    public boolean isDrained() {
        return drained;
    }

    /**
     * Processes the next element, or takes the next buffer. The per-element path stays apart from
     * the per-buffer and per-event paths, and small: the JIT inlines a hot callee only below
     * {@code -XX:FreqInlineSize} (325 bytes of bytecode), and this method and {@link #dispatch}
     * must inline into the task's loop for the record path to compile as one unit.
     */
    public Status processNext() throws Exception {
        while (true) {
            if (buffer == null) {
                Status status = nextBuffer();
                if (status != null) {
                    return status;
                }
            }
            if (view.available() == 0) {
                releaseBuffer();
                continue;
            }
            int length = view.readInt();
            if (length > 0 && length <= view.available()) {
                dispatch(view, view.getPosition() + length);
                return Status.MORE;
            }
            startSpan(length);
        }
    }

    /**
     * Points {@link #view} at the next buffer to read elements from and returns null; or returns
     * what {@link #processNext} returns when there is none, or when the buffer was consumed
     * already (an overtaking barrier, the rest of a spanning element).
     */
    private Status nextBuffer() throws Exception {
        if (endedChannels == channels.length) {
            return Status.END;
        }
        if (!resumable.isEmpty()) {
            current = resumable.poll();
            buffer = current.setAside;
            current.setAside = null;
            view.setBuffer(buffer.segment(), current.setAsidePosition, buffer.size() - current.setAsidePosition);
            return null;
        }
        buffer = gate.pollNext();
        if (buffer == null) {
            return Status.NOTHING_AVAILABLE;
        }
        current = channels[gate.lastChannel()];
        bytesIn += buffer.size();
        if (buffer.isOvertaking()) {
            processOvertakingBarrier();
            return Status.MORE;
        }
        if (current.recording) {
            current.channelState.add(buffer.copyOfContent());
        }
        view.setBuffer(buffer.segment(), 0, buffer.size());
        if (current.spanning() && continueSpan()) {
            return Status.MORE;
        }
        return null;
    }

    private void startSpan(int length) throws IOException {
        if (length < 1) {
            throw new IOException("Corrupt data stream: element length " + length);
        }
        Channel c = current;
        if (c.span.length < length) {
            c.span = new byte[Math.max(length, c.span.length * 2)];
        }
        c.spanLength = length;
        c.spanFilled = view.available();
        view.readFully(c.span, 0, c.spanFilled);
        releaseBuffer();
    }

    /** Adds the new buffer's bytes to the channel's spanning element; true if it completed and was processed. */
    private boolean continueSpan() throws Exception {
        Channel c = current;
        int n = Math.min(c.spanLength - c.spanFilled, view.available());
        view.readFully(c.span, c.spanFilled, n);
        c.spanFilled += n;
        if (c.spanning()) {
            releaseBuffer();
            return true;
        }
        spanView.setBuffer(c.span, 0, c.spanLength);
        int length = c.spanLength;
        c.spanLength = 0;
        c.spanFilled = 0;
        dispatch(spanView, length);
        return true;
    }

    private void dispatch(SegmentInputView in, int end) throws Exception {
        Channel c = current;
        byte tag = in.readByte();
        if (tag == StreamFormat.RECORD) {
            if (c.serialized) {
                handOver(c, in, end);
            } else {
                handler.processRecord(c.input, read(c, in, end), Output.NO_TIMESTAMP);
            }
        } else if (tag == StreamFormat.RECORD_WITH_TIMESTAMP) {
            long timestamp = in.readLong();
            if (c.serialized) {
                handOver(c, in, end);
            } else {
                handler.processRecord(c.input, read(c, in, end), timestamp);
            }
        } else {
            dispatchEvent(c, tag, in);
        }
    }

    /** Watermarks, watermark statuses, ends of partition and barriers: apart from the records' path. */
    private void dispatchEvent(Channel c, byte tag, SegmentInputView in) throws Exception {
        switch (tag) {
            case StreamFormat.WATERMARK -> {
                c.watermark = Math.max(c.watermark, in.readLong());
                advanceWatermark();
            }
            case StreamFormat.WATERMARK_STATUS -> {
                c.idle = in.readLong() == 1;
                advanceWatermark();
            }
            case StreamFormat.END_OF_PARTITION -> {
                boolean drainedChannel = in.readLong() == 1;
                if (c.ended) {
                    // replayed from an unaligned checkpoint's channel state, then sent again by its restored producer
                    return;
                }
                drained |= drainedChannel;
                c.ended = true;
                endedChannels++;
                if (c.barrierArrived) {
                    // only without alignment: the channel no longer counts among those the barrier must arrive on
                    c.barrierArrived = false;
                    barriersArrived--;
                }
                advanceWatermark();
                if (c.recording) {
                    c.recording = false;
                    recordingChannels--;
                    completeRecording();
                } else {
                    completeAlignment(System.nanoTime());
                }
                if (--openChannels[c.input] == 0) {
                    endOfInput(c.input);
                }
            }
            case StreamFormat.CHECKPOINT_BARRIER -> processBarrier(c, in.readLong(), in.readLong(), readOptions(in));
            default -> throw new IOException("Corrupt data stream: unknown element tag " + tag);
        }
    }

    private Object read(Channel c, SegmentInputView in, int end) throws IOException {
        Object value = c.serializer.deserialize(in);
        if (in.getPosition() != end) {
            throw serializerMismatch(c, in, end, value);
        }
        return value;
    }

    /** Hands the record's bytes {@code [position, end)} of {@code in} to the handler, which must read them all. */
    private void handOver(Channel c, SegmentInputView in, int end) throws Exception {
        handler.processSerializedRecord(c.input, in, end - in.getPosition());
        if (in.getPosition() != end) {
            throw new IOException("The consumer of serialized records of input " + c.input + " read "
                    + (in.getPosition() > end ? "more" : "fewer") + " bytes than the record has");
        }
    }

    private static IOException serializerMismatch(Channel c, SegmentInputView in, int end, Object value) {
        return new IOException("The serializer " + c.serializer.getClass().getName() + " read "
                + (in.getPosition() > end ? "more" : "fewer") + " bytes than it wrote for " + value
                + ": its serialize and deserialize methods do not match.");
    }

    /**
     * Reads logical input {@code input} to its end before any element of the other input: the other
     * input's channels are held back in the gate until every channel of {@code input} ended. Only for
     * inputs whose producers never wait for this task (blocking exchanges, written completely before
     * it reads them): a pipelined producer held back could stall the producer of {@code input}, and the
     * job with it. Such jobs take no checkpoints, whose alignment blocks and unblocks channels too.
     * Call before the gate starts.
     */
    public void readFirst(int input) {
        if (input >= openChannels.length || openChannels[input] == 0 || openChannels[input] == channels.length) {
            return; // nothing to hold back
        }
        firstInput = input;
        for (Channel c : channels) {
            if (c.input != input) {
                gate.block(c.index);
            }
        }
    }

    private void endOfInput(int input) throws Exception {
        handler.endOfInput(input);
        if (input == firstInput) {
            firstInput = -1;
            for (Channel c : channels) {
                if (c.input != input) {
                    gate.unblock(c.index);
                }
            }
        }
    }

    private void advanceWatermark() throws Exception {
        long min = Long.MAX_VALUE;
        boolean anyActive = false;
        boolean anyOpen = false;
        for (Channel c : channels) {
            if (!c.ended) {
                anyOpen = true;
                if (!c.idle) {
                    anyActive = true;
                    min = Math.min(min, c.watermark);
                }
            }
        }
        boolean idle = anyOpen && !anyActive;
        if (idle != allIdle) {
            allIdle = idle;
            handler.processWatermarkStatus(idle);
        }
        if (!idle && min > combinedWatermark) {
            combinedWatermark = min;
            handler.processWatermark(min);
        }
    }

    private void processBarrier(Channel c, long checkpointId, long timestamp, CheckpointOptions options)
            throws Exception {
        if (checkpointId < pendingCheckpoint) {
            return; // of a checkpoint abandoned for a newer one
        }
        if (options.unaligned()) {
            processUnalignedBarrier(c, checkpointId, timestamp, options);
            return;
        }
        long now = System.nanoTime();
        if (checkpointId > pendingCheckpoint) {
            releaseChannels();
            alignmentStart = now;
            pendingCheckpoint = checkpointId;
            pendingTimestamp = timestamp;
            pendingOptions = options;
        }
        c.barrierArrived = true;
        barriersArrived++;
        if (alignBarriers) {
            gate.block(c.index);
            if (view.available() > 0 && buffer != null) {
                c.setAside = buffer;
                c.setAsidePosition = view.getPosition();
                buffer = null;
            }
        }
        completeAlignment(now);
    }

    /** The first barrier snapshots and starts recording the other channels; each later one ends its channel's recording. */
    private void processUnalignedBarrier(Channel c, long checkpointId, long timestamp, CheckpointOptions options)
            throws Exception {
        if (checkpointId > pendingCheckpoint) {
            releaseChannels();
            pendingCheckpoint = checkpointId;
            recordingCheckpoint = true;
            for (Channel ch : channels) {
                if (ch.ended) {
                    continue;
                }
                ch.channelState = new ArrayList<>();
                if (ch.spanning()) {
                    // the record's start was read before the snapshot, its rest follows: replayed whole on recovery
                    byte[] start = new byte[StreamFormat.LENGTH_BYTES + ch.spanFilled];
                    ByteBuffer.wrap(start).putInt(ch.spanLength).put(ch.span, 0, ch.spanFilled);
                    ch.channelState.add(start);
                }
                if (ch != c) {
                    ch.recording = true;
                    recordingChannels++;
                }
            }
            handler.processCheckpointBarrier(checkpointId, timestamp, options, 0);
        } else if (c.recording) {
            c.recording = false;
            recordingChannels--;
        }
        completeRecording();
    }

    /** Hands the recorded channel state over once no channel records any more. */
    private void completeRecording() throws Exception {
        if (!recordingCheckpoint || recordingChannels > 0) {
            return;
        }
        List<List<byte[]>> state = new ArrayList<>(channels.length);
        for (Channel ch : channels) {
            state.add(ch.channelState == null ? List.of() : ch.channelState);
            ch.channelState = null;
        }
        recordingCheckpoint = false;
        handler.processInputChannelState(pendingCheckpoint, state);
    }

    /**
     * The current buffer is an unaligned barrier that overtook the channel's data, maybe in the middle
     * of a spanning element: decoded on its own view, leaving the channel's span as it is.
     */
    private void processOvertakingBarrier() throws Exception {
        NetworkBuffer barrier = buffer;
        buffer = null;
        try {
            eventView.setBuffer(barrier.segment(), 0, barrier.size());
            eventView.readInt();
            byte tag = eventView.readByte();
            if (tag != StreamFormat.CHECKPOINT_BARRIER) {
                throw new IOException("Corrupt data stream: an overtaking buffer holds element tag " + tag);
            }
            processBarrier(current, eventView.readLong(), eventView.readLong(), readOptions(eventView));
        } finally {
            barrier.recycle();
        }
    }

    private static CheckpointOptions readOptions(SegmentInputView in) throws IOException {
        return new CheckpointOptions(CheckpointOptions.Type.values()[in.readByte()], in.readUTF(), in.readUTF(),
                in.readBoolean(), in.readBoolean());
    }

    /** Snapshots once the pending barrier arrived on every channel that has not ended; {@code now} from nanoTime. */
    private void completeAlignment(long now) throws Exception {
        if (barriersArrived > 0 && barriersArrived == channels.length - endedChannels) {
            handler.processCheckpointBarrier(pendingCheckpoint, pendingTimestamp, pendingOptions, now - alignmentStart);
            releaseChannels();
        }
    }

    private void releaseChannels() {
        if (recordingCheckpoint) { // an unaligned checkpoint abandoned for a newer one
            recordingCheckpoint = false;
            recordingChannels = 0;
            for (Channel c : channels) {
                c.recording = false;
                c.channelState = null;
            }
        }
        for (Channel c : channels) {
            if (c.barrierArrived) {
                c.barrierArrived = false;
                if (c.setAside != null) {
                    resumable.add(c);
                }
                if (alignBarriers) {
                    gate.unblock(c.index);
                }
            }
        }
        barriersArrived = 0;
    }

    private void releaseBuffer() {
        buffer.recycle();
        buffer = null;
    }

    /** Recycles the buffer being read; for a task that stops early. */
    public void close() {
        if (buffer != null) {
            releaseBuffer();
        }
        for (Channel c : channels) {
            if (c.setAside != null) {
                c.setAside.recycle();
                c.setAside = null;
            }
        }
    }
}
