package io.eddy.runtime.network;

import io.eddy.api.memory.ByteArrayOutputView;
import io.eddy.api.operators.Output;
import io.eddy.api.partitioning.StreamPartitioner;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.checkpoint.CheckpointOptions;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.BooleanSupplier;

/**
 * Serializes the records of one output of a task into network buffers, one open buffer per
 * channel, in the {@link StreamFormat} layout. A record is written straight into the open buffer;
 * only a record that does not fit into the buffer's remainder is first serialized into a reused
 * spill array and then copied across buffers. A buffer is handed to its subpartition when full,
 * on {@link #flushAll()} (the buffer timeout) or after every record when the timeout is 0.
 *
 * <p>Used by the producing task's thread only.
 */
public final class RecordWriter<T> {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final ResultPartition partition;
    private final BufferPool pool;
    private final TypeSerializer<T> serializer;
    private final StreamPartitioner<T> partitioner;
    private final boolean broadcast;
    private final int numChannels;
    private final boolean flushAlways;
    private final BooleanSupplier cancelled;
    private final NetworkBuffer[] open;
    private final BufferOutputView view = new BufferOutputView();
    private final ByteArrayOutputView spill = new ByteArrayOutputView(256);
    private long bytesOut;

    public RecordWriter(ResultPartition partition, TypeSerializer<T> serializer, StreamPartitioner<T> partitioner,
            boolean flushAlways, BooleanSupplier cancelled) {
        this.partition = partition;
        this.pool = partition.getBufferPool();
        this.serializer = serializer;
        this.partitioner = partitioner;
        this.numChannels = partition.getNumberOfSubpartitions();
        this.broadcast = partitioner.isBroadcast();
        this.flushAlways = flushAlways;
        this.cancelled = cancelled;
        this.open = new NetworkBuffer[numChannels];
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
        byte[] segment = buffer.segment();
        int start = buffer.size();
        boolean withTimestamp = timestamp != Output.NO_TIMESTAMP;
        int header = withTimestamp ? 13 : 5;
        if (segment.length - start >= header) {
            view.reset(segment, start + header, segment.length);
            try {
                serializer.serialize(record, view);
                int end = view.position();
                INT.set(segment, start, end - start - StreamFormat.LENGTH_BYTES);
                if (withTimestamp) {
                    segment[start + 4] = StreamFormat.RECORD_WITH_TIMESTAMP;
                    LONG.set(segment, start + 5, timestamp);
                } else {
                    segment[start + 4] = StreamFormat.RECORD;
                }
                buffer.setSize(end);
                if (flushAlways) {
                    finish(channel);
                }
                return;
            } catch (IOException e) {
                if (e != BufferOutputView.OVERFLOW) {
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

    /** Copies the element in {@link #spill} (length field still 0) into the channel, across buffers if needed. */
    private void writeSpanning(int channel) throws InterruptedException {
        byte[] bytes = spill.getSharedBuffer();
        int length = spill.length();
        INT.set(bytes, 0, length - StreamFormat.LENGTH_BYTES);
        NetworkBuffer buffer = open[channel];
        if (buffer == null || buffer.capacity() - buffer.size() < StreamFormat.LENGTH_BYTES) {
            if (buffer != null) {
                finish(channel);
            }
            buffer = openBuffer(channel);
        }
        int offset = 0;
        while (true) {
            int n = Math.min(length - offset, buffer.capacity() - buffer.size());
            System.arraycopy(bytes, offset, buffer.segment(), buffer.size(), n);
            buffer.setSize(buffer.size() + n);
            offset += n;
            if (offset == length) {
                break;
            }
            finish(channel);
            buffer = openBuffer(channel);
        }
        if (flushAlways) {
            finish(channel);
        }
    }

    /** Writes an event (watermark, watermark status, end of partition) into every channel. */
    public void broadcastEvent(byte tag, long value) throws InterruptedException {
        spill.clear();
        spill.writeInt(0);
        spill.writeByte(tag);
        if (tag == StreamFormat.WATERMARK || tag == StreamFormat.WATERMARK_STATUS || tag == StreamFormat.END_OF_PARTITION) {
            spill.writeLong(value);
        }
        for (int channel = 0; channel < numChannels; channel++) {
            writeSpanning(channel);
        }
    }

    /**
     * Writes the barrier of a checkpoint into every channel and sends it at once, with what precedes it.
     *
     * @throws IOException if a directory name in {@code options} is longer than modified UTF-8 allows (64 KB)
     */
    public void broadcastBarrier(long checkpointId, long timestamp, CheckpointOptions options)
            throws IOException, InterruptedException {
        spill.clear();
        spill.writeInt(0);
        spill.writeByte(StreamFormat.CHECKPOINT_BARRIER);
        spill.writeLong(checkpointId);
        spill.writeLong(timestamp);
        spill.writeByte(options.type().ordinal());
        spill.writeUTF(options.storageDirectory());
        spill.writeUTF(options.location());
        spill.writeBoolean(options.finalCheckpoint());
        for (int channel = 0; channel < numChannels; channel++) {
            writeSpanning(channel);
        }
        flushAll();
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

    private NetworkBuffer openBuffer(int channel) throws InterruptedException {
        NetworkBuffer buffer = pool.requestBlocking(cancelled);
        open[channel] = buffer;
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
