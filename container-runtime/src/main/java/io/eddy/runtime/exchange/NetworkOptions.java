package io.eddy.runtime.exchange;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;
import io.eddy.api.config.MemorySize;

import java.time.Duration;

/** Options of the data exchange between tasks. */
public final class NetworkOptions {
    private NetworkOptions() {}

    public static final ConfigOption<MemorySize> NETWORK_MEMORY = ConfigOptions.key("taskmanager.memory.network")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(64))
            .withDescription("Memory per TaskManager for network buffers; every exchange reserves "
                    + "(channels x buffers-per-channel + floating) buffers of it when a task is deployed.");

    public static final ConfigOption<MemorySize> BUFFER_SIZE = ConfigOptions.key("taskmanager.memory.segment-size")
            .memoryType()
            .defaultValue(MemorySize.parse("32kb"))
            .withDescription("Size of one network buffer.");

    public static final ConfigOption<Integer> BUFFERS_PER_CHANNEL = ConfigOptions.key("taskmanager.network.buffers-per-channel")
            .intType()
            .defaultValue(2)
            .withDescription("Buffers reserved per outgoing channel: one being filled, one in flight.");

    public static final ConfigOption<Integer> FLOATING_BUFFERS = ConfigOptions.key("taskmanager.network.floating-buffers-per-gate")
            .intType()
            .defaultValue(8)
            .withDescription("Extra buffers per result partition, shared by its channels to absorb skew.");

    public static final ConfigOption<Boolean> BUFFER_DEBLOAT_ENABLED = ConfigOptions
            .key("taskmanager.network.memory.buffer-debloat.enabled")
            .booleanType()
            .defaultValue(false)
            .withDescription("Whether each input sizes the buffers its producers fill so that the data in flight "
                    + "to it drains within taskmanager.network.memory.buffer-debloat.target at its current "
                    + "throughput: under back-pressure, aligned checkpoint barriers then wait behind about that "
                    + "much data instead of all buffers' worth.");

    public static final ConfigOption<Duration> BUFFER_DEBLOAT_TARGET = ConfigOptions
            .key("taskmanager.network.memory.buffer-debloat.target")
            .durationType()
            .defaultValue(Duration.ofSeconds(1))
            .withDescription("With buffer debloating: how long the data in flight to an input may take to drain.");

    public static final ConfigOption<Duration> BUFFER_DEBLOAT_PERIOD = ConfigOptions
            .key("taskmanager.network.memory.buffer-debloat.period")
            .durationType()
            .defaultValue(Duration.ofMillis(200))
            .withDescription("With buffer debloating: how often an input measures its throughput and announces "
                    + "a new buffer size to its producers.");

    public static final ConfigOption<String> DATA_HOST = ConfigOptions.key("taskmanager.data.host")
            .stringType()
            .defaultValue("0.0.0.0")
            .withDescription("Interface the TaskManager's partition server binds to.");

    public static final ConfigOption<Integer> DATA_PORT = ConfigOptions.key("taskmanager.data.port")
            .intType()
            .defaultValue(0)
            .withDescription("Port of the TaskManager's partition server, which serves result partitions to "
                    + "consumers on other TaskManagers; 0 picks a free port.");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT = ConfigOptions.key("taskmanager.network.request-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(60))
            .withDescription("How long a partition request from a remote consumer waits for the producer to "
                    + "register the partition before it is answered with an error.");

    public static final ConfigOption<Duration> CONNECT_TIMEOUT = ConfigOptions.key("taskmanager.network.connect-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("How long a consumer tries to connect to a producer's TaskManager.");
}
