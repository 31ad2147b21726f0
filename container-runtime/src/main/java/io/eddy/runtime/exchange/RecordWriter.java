package io.eddy.runtime.exchange;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.operators.Output;
import io.eddy.api.partitioning.StreamPartitioner;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.checkpoint.CheckpointOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Serializes the records of one output of a task into network buffers, one open buffer per
 * channel, in the {@link StreamFormat} layout. A record is written straight into the open buffer;
 * only a record that does not fit into the buffer's remainder is first serialized into a reused
 * spill array and then copied across buffers. A buffer is handed to its subpartition when full,
 * on {@link #flushAll()} (the buffer timeout) or after every record when the timeout is 0.
 *
 * <p>"Full" means: less room left than the largest element written so far (up to an eighth of the
 * buffer), as the next element would most likely not fit. So elements of a steady size stay whole
 * in their buffers and only ever take the in-place path: no record is serialized twice (in place,
 * then into the spill array), and the compiled record loop never meets the overflow branches,
 * which the JIT leaves out of it as long as they have not run and which would cost a
 * deoptimisation and a recompilation of the whole loop the first time one does.
 *
 * <p>An element under way always completes: when the pool has no free buffer for its next part, the
 * part goes into an overdraft buffer ({@link BufferPool#requestOverdraft()}), so a record larger
 * than the buffers left, or than the whole pool, never waits in the middle. Only the first buffer
 * of a new element may have to be waited for, and only when one input element emits more than the
 * pool has left: the {@link BufferWaiter} decides how (a task serves its mailbox meanwhile, and
 * overdraws when mail needs the element to end). Between elements the task suspends its input
 * instead (see below).
 *
 * <p>Buffer debloating: a consumer may ask for smaller buffers
 * ({@link ResultSubpartition#announceBufferSize}); the writer reads the size when it opens a buffer
 * for that channel and finishes the buffer at that size, so less data waits in flight.
 *
 * <p>Back-pressure: when taking a buffer leaves the pool without free ones, the writer tells its
 * task ({@code onPoolExhausted}), which then asks {@link #getAvailableFuture()} before the next
 * record and suspends its input instead of blocking in the middle of one. A checkpoint barrier never
 * waits for a buffer: it goes into the open buffer if that has room, else into an event buffer of
 * its own, so a back-pressured task takes its checkpoint at once.
 *
 * <p>Used by the producing task's thread only.
 */
public final class RecordWriter<T> {
    /** The smallest buffer a consumer can ask for. */
    public static final int MIN_BUFFER_SIZE = 256;

    private final ResultPartition partition;
    private final BufferPool pool;
    private final TypeSerializer<T> serializer;
    private final StreamPartitioner<T> partitioner;
    private final boolean broadcast;
    private final int numChannels;
    private final boolean flushAlways;
    private final BufferWaiter waiter;
    private final Runnable onPoolExhausted;
    private final NetworkBuffer[] open;
    /** Bytes to fill each channel's open buffer up to: its capacity or the consumer's smaller size. */
    private final int[] limit;
    /** Bounded: pointed at the open buffer's free bytes for each record. */
    private final SegmentOutputView view = new SegmentOutputView(null, 0);
    private final SegmentOutputView spill = new SegmentOutputView(256);
    /** The largest element written in place so far, header included: a buffer with less room left is sent. */
    private int largestElement;
    private long bytesOut;

    /** A writer whose task does not watch for exhaustion: it blocks in the record that finds no buffer. */
    public RecordWriter(ResultPartition partition, TypeSerializer<T> serializer, StreamPartitioner<T> partitioner,
            boolean flushAlways, BooleanSupplier cancelled) {
        this(partition, serializer, partitioner, flushAlways, pool -> pool.requestBlocking(cancelled), () -> {});
    }

    /**
     * @param waiter gives the first buffer of a new element when the pool has none free
     * @param onPoolExhausted called in the task thread when a buffer taken was the pool's last free one
     */
    public RecordWriter(ResultPartition partition, TypeSerializer<T> serializer, StreamPartitioner<T> partitioner,
            boolean flushAlways, BufferWaiter waiter, Runnable onPoolExhausted) {
        this.partition = partition;
        this.pool = partition.getBufferPool();
        this.serializer = serializer;
        this.partitioner = partitioner;
        this.numChannels = partition.getNumberOfSubpartitions();
        this.broadcast = partitioner.isBroadcast();
        this.flushAlways = flushAlways;
        this.waiter = waiter;
        this.onPoolExhausted = onPoolExhausted;
        this.open = new NetworkBuffer[numChannels];
        this.limit = new int[numChannels];
        partitioner.setup(numChannels);
    }

    public void emit(T record, long timestamp) throws Exception {
        if (broadcast) {
            for (int channel = 0; channel < numChannels; channel++) {
                write(channel, record, timestamp);
            }
        } else {
            write(numChannels == 1 ? 0 : partitioner.selectChannel(record), record, timestamp);
        }
    }

    private void write(int channel, T record, long timestamp) throws IOException, InterruptedException {
        NetworkBuffer buffer = open[channel];
        if (buffer == null) {
            buffer = openBuffer(channel);
        }
        MemorySegment segment = buffer.segment();
        int start = buffer.size();
        int end = limit[channel];
        boolean withTimestamp = timestamp != Output.NO_TIMESTAMP;
        int header = withTimestamp ? 13 : 5;
        if (end - start >= header) {
            view.reset(segment, start + header, end);
            try {
                serializer.serialize(record, view);
                int written = view.getPositionInPage();
                segment.putInt(start, written - start - StreamFormat.LENGTH_BYTES);
                if (withTimestamp) {
                    segment.put(start + 4, StreamFormat.RECORD_WITH_TIMESTAMP);
                    segment.putLong(start + 5, timestamp);
                } else {
                    segment.put(start + 4, StreamFormat.RECORD);
                }
                buffer.setSize(written);
                largestElement = Math.max(largestElement, written - start);
                if (flushAlways || end - written < Math.min(largestElement, end >> 3)) {
                    finish(channel);
                }
                return;
            } catch (IOException e) {
                if (e != SegmentOutputView.FULL) {
                    throw e;
                }
            }
        }
        spill.clear();
        spill.writeInt(0);
        if (withTimestamp) {
            spill.writeByte(StreamFormat.RECORD_WITH_TIMESTAMP);
            spill.writeLong(timestamp);
        } else {
            spill.writeByte(StreamFormat.RECORD);
        }
        serializer.serialize(record, spill);
        writeSpanning(channel);
    }

    /**
     * Copies the element in {@link #spill} (length field still 0) into the channel, across buffers
     * if needed; the buffers after its first are never waited for (overdraft when the pool is dry).
     */
    private void writeSpanning(int channel) throws InterruptedException {
        byte[] bytes = spill.getSharedBuffer();
        int length = spill.length();
        spill.getCurrentPage().putInt(0, length - StreamFormat.LENGTH_BYTES);
        NetworkBuffer buffer = open[channel];
        if (buffer == null || limit[channel] - buffer.size() < StreamFormat.LENGTH_BYTES) {
            if (buffer != null) {
                finish(channel);
            }
            buffer = openBuffer(channel);
        }
        int offset = 0;
        while (true) {
            int n = Math.min(length - offset, limit[channel] - buffer.size());
            buffer.segment().put(buffer.size(), bytes, offset, n);
            buffer.setSize(buffer.size() + n);
            offset += n;
            if (offset == length) {
                break;
            }
            finish(channel);
            buffer = openContinuation(channel);
        }
        if (flushAlways) {
            finish(channel);
        }
    }

    /** Writes an event (watermark, watermark status, end of partition) into every channel. */
    public void broadcastEvent(byte tag, long value) throws InterruptedException {
        MemorySegment element = spill.getCurrentPage(); // at least the initial 256 bytes: an event fits
        int length = StreamFormat.LENGTH_BYTES;
        element.put(length++, tag);
        if (tag == StreamFormat.WATERMARK || tag == StreamFormat.WATERMARK_STATUS || tag == StreamFormat.END_OF_PARTITION) {
            element.putLong(length, value);
            length += 8;
        }
        spill.clear();
        spill.setPosition(length);
        for (int channel = 0; channel < numChannels; channel++) {
            writeSpanning(channel);
        }
    }

    /**
     * Writes the barrier of a checkpoint into every channel and sends it at once, with what precedes
     * it; never waits for a buffer.
     *
     * @throws IOException if a directory name in {@code options} is longer than modified UTF-8 allows (64 KB)
     */
    public void broadcastBarrier(long checkpointId, long timestamp, CheckpointOptions options)
            throws IOException, InterruptedException {
        writeBarrier(checkpointId, timestamp, options);
        byte[] bytes = spill.getSharedBuffer();
        int length = spill.length();
        for (int channel = 0; channel < numChannels; channel++) {
            NetworkBuffer buffer = open[channel];
            if (buffer != null && buffer.capacity() - buffer.size() >= length) {
                buffer.segment().put(buffer.size(), bytes, 0, length);
                buffer.setSize(buffer.size() + length);
                finish(channel);
            } else {
                if (buffer != null) {
                    finish(channel);
                }
                bytesOut += length;
                partition.getSubpartition(channel).add(NetworkBuffer.event(bytes, length));
            }
        }
    }

    /**
     * Sends the barrier of an unaligned checkpoint ahead of everything queued: the open buffers are
     * handed over first, then the barrier overtakes them all in every channel.
     *
     * @return per channel, copies of the buffers the barrier overtook, which belong to the checkpoint
     */
    public List<List<byte[]>> broadcastUnalignedBarrier(long checkpointId, long timestamp, CheckpointOptions options)
            throws IOException {
        flushAll();
        writeBarrier(checkpointId, timestamp, options);
        byte[] bytes = spill.getSharedBuffer();
        int length = spill.length();
        List<List<byte[]>> overtaken = new ArrayList<>(numChannels);
        for (int channel = 0; channel < numChannels; channel++) {
            bytesOut += length;
            overtaken.add(partition.getSubpartition(channel).addPriorityEvent(NetworkBuffer.event(bytes, length)));
        }
        return overtaken;
    }

    /** Serializes a barrier element, length field set, into {@link #spill}. */
    private void writeBarrier(long checkpointId, long timestamp, CheckpointOptions options) throws IOException {
        spill.clear();
        spill.writeInt(0);
        spill.writeByte(StreamFormat.CHECKPOINT_BARRIER);
        spill.writeLong(checkpointId);
        spill.writeLong(timestamp);
        spill.writeByte(options.type().ordinal());
        spill.writeUTF(options.storageDirectory());
        spill.writeUTF(options.location());
        spill.writeBoolean(options.finalCheckpoint());
        spill.writeBoolean(options.unaligned());
        spill.getCurrentPage().putInt(0, spill.length() - StreamFormat.LENGTH_BYTES);
    }

    /**
     * Puts the buffers an unaligned checkpoint stored of {@code channel} back into it, ahead of
     * anything the task writes; for a restored task before it starts.
     */
    public void restoreChannelState(int channel, List<byte[]> buffers) {
        for (byte[] bytes : buffers) {
            partition.getSubpartition(channel).add(NetworkBuffer.event(bytes, bytes.length));
        }
    }

    public int getNumberOfChannels() {
        return numChannels;
    }

    /** Hands every non-empty open buffer to its consumer. */
    public void flushAll() {
        for (int channel = 0; channel < numChannels; channel++) {
            if (open[channel] != null) {
                finish(channel);
            }
        }
    }

    /**
     * Sends end-of-partition on every channel and flushes: the consumers will read nothing more.
     *
     * @param drained the input was ended to stop the job with a final savepoint, which the consumers await
     */
    public void finish(boolean drained) throws InterruptedException {
        broadcastEvent(StreamFormat.END_OF_PARTITION, drained ? 1 : 0);
        flushAll();
    }

    /** Returns the open buffers; for a task that stops without finishing. */
    public void discard() {
        for (int channel = 0; channel < numChannels; channel++) {
            if (open[channel] != null) {
                open[channel].recycle();
                open[channel] = null;
            }
        }
    }

    public long getBytesOut() {
        return bytesOut;
    }

    public long getBackPressuredNanos() {
        return pool.getBackPressuredNanos();
    }

    /** Null while the pool has a buffer for the next record, else a future that completes when one returns. */
    public CompletableFuture<Void> getAvailableFuture() {
        return pool.getAvailableFuture();
    }

    /** A buffer for the first part of an element: from the pool, else from the {@link BufferWaiter}. */
    private NetworkBuffer openBuffer(int channel) throws InterruptedException {
        NetworkBuffer buffer = pool.tryRequest();
        return open(channel, buffer != null ? buffer : waiter.awaitBuffer(pool));
    }

    /** A buffer for the next part of an element under way: never waits, the pool overdraws when it has none. */
    private NetworkBuffer openContinuation(int channel) {
        NetworkBuffer buffer = pool.tryRequest();
        return open(channel, buffer != null ? buffer : pool.requestOverdraft());
    }

    private NetworkBuffer open(int channel, NetworkBuffer buffer) {
        open[channel] = buffer;
        // at least room for a length field and some bytes, so a spanning element always advances
        limit[channel] = Math.max(Math.min(buffer.capacity(), partition.getSubpartition(channel).targetBufferSize()),
                Math.min(buffer.capacity(), MIN_BUFFER_SIZE));
        if (!pool.isAvailable()) {
            onPoolExhausted.run();
        }
        return buffer;
    }

    private void finish(int channel) {
        NetworkBuffer buffer = open[channel];
        open[channel] = null;
        if (buffer.size() == 0) {
            buffer.recycle();
            return;
        }
        bytesOut += buffer.size();
        partition.getSubpartition(channel).add(buffer);
    }
}
