package io.eddy.runtime.rpc;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;
import io.eddy.api.config.MemorySize;

import java.time.Duration;

/** Options of the control-message connections between cluster processes. */
public final class RpcOptions {
    private RpcOptions() {}

    public static final ConfigOption<String> CLUSTER_SECRET = ConfigOptions.key("security.cluster-secret")
            .stringType()
            .noDefaultValue()
            .withDescription("Shared secret every process of one cluster must know; connections that cannot "
                    + "prove it are refused. Takes precedence over security.cluster-secret.file.");

    public static final ConfigOption<String> CLUSTER_SECRET_FILE = ConfigOptions.key("security.cluster-secret.file")
            .stringType()
            .noDefaultValue()
            .withDescription("File holding the cluster secret; created with a random secret and owner-only "
                    + "permissions if missing. Refused if group or others may access it.");

    public static final ConfigOption<Duration> ASK_TIMEOUT = ConfigOptions.key("rpc.ask-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("How long a request waits for its response when the caller gives no timeout.");

    public static final ConfigOption<Duration> CONNECT_TIMEOUT = ConfigOptions.key("rpc.connect-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(5))
            .withDescription("How long opening a TCP connection to a peer may take.");

    public static final ConfigOption<Duration> HANDSHAKE_TIMEOUT = ConfigOptions.key("rpc.handshake-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("How long a new connection may take to authenticate before it is closed.");

    public static final ConfigOption<MemorySize> MAX_FRAME_SIZE = ConfigOptions.key("rpc.max-frame-size")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(64))
            .withDescription("Largest message accepted or sent; a larger incoming frame closes the connection, "
                    + "a larger outgoing one fails that message only.");

    public static final ConfigOption<Integer> HANDLER_THREADS = ConfigOptions.key("rpc.handler-threads")
            .intType()
            .defaultValue(8)
            .withDescription("Threads running message handlers, shared by all connections of a process. "
                    + "Messages of one connection are handled in order, one at a time.");
}
