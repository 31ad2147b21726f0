package io.eddy.runtime.rest;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;
import io.eddy.api.config.MemorySize;

import java.time.Duration;

/** Options of the JobManager's REST API and of clients that call it. */
public final class RestOptions {
    private RestOptions() {}

    public static final ConfigOption<String> ADDRESS = ConfigOptions.key("rest.address")
            .stringType()
            .defaultValue("localhost")
            .withDescription("Host of the JobManager's REST API, for clients (bin/eddy -m host:port overrides it).");

    public static final ConfigOption<Integer> PORT = ConfigOptions.key("rest.port")
            .intType()
            .defaultValue(8081)
            .withDescription("Port of the JobManager's REST API (0 = any free port).");

    public static final ConfigOption<String> BIND_ADDRESS = ConfigOptions.key("rest.bind-address")
            .stringType()
            .defaultValue("0.0.0.0")
            .withDescription("Interface the REST API listens on.");

    public static final ConfigOption<MemorySize> MAX_UPLOAD = ConfigOptions.key("rest.max-upload-size")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(256))
            .withDescription("Largest request body, i.e. the largest job jar that can be submitted.");

    public static final ConfigOption<Duration> CONNECT_TIMEOUT = ConfigOptions.key("rest.client.connect-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(3))
            .withDescription("How long a client tries to reach the REST API before giving up.");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT = ConfigOptions.key("rest.client.request-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(60))
            .withDescription("How long a client waits for an answer (a job submission includes its jar upload).");

    /** The {@code host:port} clients call, from the configuration. */
    public static String clientAddress(io.eddy.api.config.Configuration config) {
        return config.get(ADDRESS) + ":" + config.get(PORT);
    }
}
