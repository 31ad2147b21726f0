package io.eddy.runtime.rpc;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageCodec;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.util.List;

/**
 * Kryo-encodes the frames of one authenticated connection. Encoding and decoding both run on the
 * channel's event loop, so the channel's own Kryo instance is never used concurrently.
 */
final class FrameCodec extends MessageToMessageCodec<ByteBuf, Frame> {
    private static final int INITIAL_BUFFER = 4096;
    // a buffer grown for one large message is not kept for the connection's lifetime
    private static final int RETAINED_BUFFER_LIMIT = 1 << 20;

    private final Kryo kryo;
    private final int maxPayload;
    private Output output;

    FrameCodec(ClassLoader classLoader, int maxFrameSize) {
        this.kryo = newKryo(classLoader);
        this.maxPayload = maxFrameSize - Frame.HEADER_BYTES;
        this.output = newOutput();
    }

    static Kryo newKryo(ClassLoader classLoader) {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        kryo.setClassLoader(classLoader);
        return kryo;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        Frame.Type type = frame.type();
        Object payload = frame.payload();
        try {
            serialize(type, payload);
        } catch (RuntimeException e) {
            kryo.reset();
            String reason = describeSerializationFailure(payload, e);
            if (type != Frame.Type.RESPONSE) {
                throw new EncoderException(reason, e);
            }
            // the caller waits for this response: tell it why it will not come
            type = Frame.Type.ERROR;
            serialize(type, new Frame.RemoteFailure(e.getClass().getName(), reason));
        }
        ByteBuf buf = ctx.alloc().buffer(Frame.HEADER_BYTES + output.position());
        buf.writeByte(type.code);
        buf.writeLong(frame.correlationId());
        buf.writeBytes(output.getBuffer(), 0, output.position());
        out.add(buf);
        if (output.getBuffer().length > RETAINED_BUFFER_LIMIT) {
            output = newOutput();
        }
    }

    private Output newOutput() {
        return new Output(Math.min(INITIAL_BUFFER, maxPayload), maxPayload);
    }

    private void serialize(Frame.Type type, Object payload) {
        output.reset();
        if (type == Frame.Type.ERROR) {
            Frame.RemoteFailure failure = (Frame.RemoteFailure) payload;
            output.writeString(failure.className());
            output.writeString(failure.message());
        } else {
            kryo.writeClassAndObject(output, payload);
        }
    }

    private String describeSerializationFailure(Object payload, RuntimeException e) {
        String what = payload == null ? "null" : payload.getClass().getName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KryoBufferOverflowException) {
                return what + " is larger than " + RpcOptions.MAX_FRAME_SIZE.key() + " ("
                        + (maxPayload + Frame.HEADER_BYTES) + " bytes)";
            }
        }
        return "cannot serialize " + what + ": " + e.getMessage();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        byte code = in.readByte();
        Frame.Type type = Frame.Type.of(code);
        if (type == null || type.isHandshake()) {
            throw new CorruptedFrameException("unexpected frame type " + code);
        }
        long correlationId = in.readLong();
        Input input = new Input(ByteBufUtil.getBytes(in));
        try {
            Object payload = type == Frame.Type.ERROR
                    ? new Frame.RemoteFailure(input.readString(), input.readString())
                    : kryo.readClassAndObject(input);
            out.add(new Frame(type, correlationId, payload));
        } catch (KryoException e) {
            kryo.reset();
            throw new DecoderException("cannot deserialize a " + type + " frame: " + e.getMessage(), e);
        }
    }
}
