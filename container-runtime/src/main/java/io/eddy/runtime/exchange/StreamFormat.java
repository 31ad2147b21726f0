package io.eddy.runtime.exchange;

/**
 * Layout of the byte stream in a channel. Every element is {@code [int length][byte tag][body]},
 * where {@code length} counts the tag and the body. The length never straddles two buffers; the
 * rest of an element may, when it does not fit into the remainder of a buffer.
 *
 * <ul>
 *   <li>{@link #RECORD}: the record serialized by its type's serializer.
 *   <li>{@link #RECORD_WITH_TIMESTAMP}: a long event timestamp, then the record.
 *   <li>{@link #WATERMARK}: a long.
 *   <li>{@link #END_OF_PARTITION}: a long, 1 when the producer was drained for a final savepoint
 *       (its consumers wait for that savepoint after their end of input), else 0; the producer will
 *       send nothing more.
 *   <li>{@link #WATERMARK_STATUS}: a long, 1 when the producer went idle, 0 when active again.
 *   <li>{@link #CHECKPOINT_BARRIER}: long checkpoint id, long timestamp, then its
 *       {@code CheckpointOptions}: byte type ordinal, modified-UTF-8 storage directory and location,
 *       boolean final checkpoint, boolean unaligned;
 *       everything before it in the channel belongs to the checkpoint, everything after to the next.
 * </ul>
 */
public final class StreamFormat {
    private StreamFormat() {}

    public static final byte RECORD = 0;
    public static final byte RECORD_WITH_TIMESTAMP = 1;
    public static final byte WATERMARK = 2;
    public static final byte END_OF_PARTITION = 3;
    public static final byte WATERMARK_STATUS = 4;
    public static final byte CHECKPOINT_BARRIER = 5;

    /** Bytes of the length field. */
    public static final int LENGTH_BYTES = 4;
}
