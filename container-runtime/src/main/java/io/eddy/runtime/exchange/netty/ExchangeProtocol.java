package io.eddy.runtime.exchange.netty;

import io.eddy.runtime.exchange.ResultPartitionId;
import io.eddy.runtime.execution.ExecutionAttemptId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

import java.nio.charset.StandardCharsets;

/**
 * The messages between a {@link PartitionClient} and a {@link PartitionServer}. Every frame is
 * {@code [int length][int magic][byte type][int receiver][body]}; {@code length} counts what
 * follows it, and {@code receiver} names the consumer's channel, so many channels share one
 * connection.
 *
 * <ul>
 *   <li>{@link #PARTITION_REQUEST} (client → server): {@code long, long} producer attempt,
 *       {@code int} output, {@code int} subpartition, {@code int} initial credit.
 *   <li>{@link #ADD_CREDIT} (client → server): {@code int} buffers the consumer freed.
 *   <li>{@link #CANCEL_REQUEST} (client → server): no body; the consumer wants nothing more.
 *   <li>{@link #BUFFER_SIZE} (client → server): {@code int} bytes the producer should fill its
 *       buffers for this consumer with (buffer debloating).
 *   <li>{@link #REQUEST_ACCEPTED} (server → client): no body; the server speaks this protocol and
 *       took the request, whose buffers or error follow. A consumer that gets no such answer
 *       within its request timeout gives up: it is talking to something other than a TaskManager.
 *   <li>{@link #BUFFER_RESPONSE} (server → client): {@code int} sequence number, {@code int}
 *       size, {@code byte} 1 when the buffer is an overtaking barrier (see
 *       {@link io.eddy.runtime.exchange.NetworkBuffer#isOvertaking()}) else 0, then the buffer's
 *       bytes. Each one uses up one credit.
 *   <li>{@link #ERROR_RESPONSE} (server → client): {@code int} byte count, UTF-8 message. The
 *       request is over.
 * </ul>
 */
final class ExchangeProtocol {
    private ExchangeProtocol() {}

    /** Guards against bytes that are not ours (a port scanner, a misconfigured peer). */
    static final int MAGIC = 0xEDD15AFE;

    static final byte PARTITION_REQUEST = 1;
    static final byte ADD_CREDIT = 2;
    static final byte CANCEL_REQUEST = 3;
    static final byte BUFFER_RESPONSE = 4;
    static final byte ERROR_RESPONSE = 5;
    static final byte REQUEST_ACCEPTED = 6;
    static final byte BUFFER_SIZE = 7;

    /** Bytes of {@code magic, type, receiver}: what precedes every body. */
    private static final int PREFIX = 4 + 1 + 4;
    private static final int MAX_ERROR_CHARS = 400;
    /** Longest frame, length field included, the server accepts; requests and credits are tiny. */
    static final int MAX_CONTROL_FRAME = 64;

    /** Splits the stream into frames without their length field; oversized frames close the connection. */
    static LengthFieldBasedFrameDecoder frameDecoder(int maxFrameLength) {
        return new LengthFieldBasedFrameDecoder(maxFrameLength, 0, 4, 0, 4);
    }

    /**
     * The largest frame, length field included, a client accepts from producers whose buffers are
     * at most {@code segmentSize}.
     */
    static int maxResponseFrame(int segmentSize) {
        return 4 + PREFIX + 9 + Math.max(segmentSize, 4 * MAX_ERROR_CHARS);
    }

    static ByteBuf partitionRequest(ByteBufAllocator alloc, int receiver, ResultPartitionId id, int subpartition,
            int credit) {
        ByteBuf b = frame(alloc, PARTITION_REQUEST, receiver, 8 + 8 + 4 + 4 + 4);
        return b.writeLong(id.producer().upper()).writeLong(id.producer().lower()).writeInt(id.output())
                .writeInt(subpartition).writeInt(credit);
    }

    static ByteBuf addCredit(ByteBufAllocator alloc, int receiver, int credit) {
        return frame(alloc, ADD_CREDIT, receiver, 4).writeInt(credit);
    }

    static ByteBuf bufferSize(ByteBufAllocator alloc, int receiver, int bytes) {
        return frame(alloc, BUFFER_SIZE, receiver, 4).writeInt(bytes);
    }

    static ByteBuf cancelRequest(ByteBufAllocator alloc, int receiver) {
        return frame(alloc, CANCEL_REQUEST, receiver, 0);
    }

    static ByteBuf requestAccepted(ByteBufAllocator alloc, int receiver) {
        return frame(alloc, REQUEST_ACCEPTED, receiver, 0);
    }

    /** The frame up to the buffer's bytes, which the caller writes next. */
    static ByteBuf bufferResponseHeader(ByteBufAllocator alloc, int receiver, int sequence, int size,
            boolean overtaking) {
        ByteBuf b = alloc.directBuffer(4 + PREFIX + 9);
        b.writeInt(PREFIX + 9 + size).writeInt(MAGIC).writeByte(BUFFER_RESPONSE).writeInt(receiver);
        return b.writeInt(sequence).writeInt(size).writeByte(overtaking ? 1 : 0);
    }

    static ByteBuf errorResponse(ByteBufAllocator alloc, int receiver, String message) {
        String text = message.length() > MAX_ERROR_CHARS ? message.substring(0, MAX_ERROR_CHARS) : message;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return frame(alloc, ERROR_RESPONSE, receiver, 4 + bytes.length).writeInt(bytes.length).writeBytes(bytes);
    }

    static ResultPartitionId readPartitionId(ByteBuf frame) {
        return new ResultPartitionId(new ExecutionAttemptId(frame.readLong(), frame.readLong()), frame.readInt());
    }

    static String readErrorMessage(ByteBuf frame) throws ProtocolException {
        int length = frame.readInt();
        if (length < 0 || length != frame.readableBytes()) {
            throw new ProtocolException("error message of " + length + " bytes in a frame of " + frame.readableBytes());
        }
        return frame.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }

    /** Checks the magic number and returns the frame's type; the receiver id follows. */
    static byte readType(ByteBuf frame) throws ProtocolException {
        if (frame.readableBytes() < PREFIX || frame.readInt() != MAGIC) {
            throw new ProtocolException("not an Eddy data frame");
        }
        return frame.readByte();
    }

    /** Checks that a fixed-size body is exactly there before it is read. */
    static void expectBody(ByteBuf frame, int bytes) throws ProtocolException {
        if (frame.readableBytes() != bytes) {
            throw new ProtocolException("expected a body of " + bytes + " bytes, got " + frame.readableBytes());
        }
    }

    private static ByteBuf frame(ByteBufAllocator alloc, byte type, int receiver, int bodyBytes) {
        ByteBuf b = alloc.buffer(4 + PREFIX + bodyBytes);
        return b.writeInt(PREFIX + bodyBytes).writeInt(MAGIC).writeByte(type).writeInt(receiver);
    }

    /** A frame that breaks the protocol; the connection it came on is closed. */
    static final class ProtocolException extends Exception {
        ProtocolException(String message) {
            super(message);
        }
    }
}
