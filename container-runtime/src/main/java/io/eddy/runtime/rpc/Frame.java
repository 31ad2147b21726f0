package io.eddy.runtime.rpc;

import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * One unit on the wire: {@code [int length][byte type][long correlation id][payload]}. The length
 * prefix is added and stripped by Netty's length-field codecs; {@link FrameCodec} handles the rest
 * once a connection is authenticated, {@link Handshake} before.
 */
record Frame(Type type, long correlationId, Object payload) {

    static final int LENGTH_PREFIX_BYTES = 4;
    static final int HEADER_BYTES = 1 + 8;

    enum Type {
        // authentication, raw bytes as payload
        CHALLENGE(1),
        AUTH_RESPONSE(2),
        AUTH_PROOF(3),
        AUTH_REJECTED(4),
        // after authentication, Kryo payloads
        REQUEST(10),
        TELL(11),
        RESPONSE(12),
        ERROR(13);

        final byte code;

        Type(int code) {
            this.code = (byte) code;
        }

        /** The type with this code, or null for an unknown one. */
        static Type of(byte code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }

        boolean isHandshake() {
            return code < REQUEST.code;
        }
    }

    /** Payload of an {@link Typethere too, since container-runtime's tests cannot depend on test-utils.ERROR} frame: what the remote handler threw. */
    record RemoteFailure(String className, String message) {}

    /** Splits the byte stream into frames of at most {@code maxFrameSize} bytes after the prefix. */
    static LengthFieldBasedFrameDecoder decoder(int maxFrameSize) {
        return new LengthFieldBasedFrameDecoder(maxFrameSize + LENGTH_PREFIX_BYTES, 0, LENGTH_PREFIX_BYTES, 0,
                LENGTH_PREFIX_BYTES);
    }
}
