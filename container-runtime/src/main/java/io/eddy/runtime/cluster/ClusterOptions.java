package io.eddy.runtime.cluster;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;

import java.time.Duration;

/** Options of a standalone cluster: where the JobManager is, and how its members watch each other. */
public final class ClusterOptions {
    private ClusterOptions() {}

    public static final ConfigOption<String> JOBMANAGER_ADDRESS = ConfigOptions.key("jobmanager.rpc.address")
            .stringType()
            .defaultValue("localhost")
            .withDescription("Host of the JobManager, where TaskManagers register.");

    public static final ConfigOption<Integer> JOBMANAGER_PORT = ConfigOptions.key("jobmanager.rpc.port")
            .intType()
            .defaultValue(6123)
            .withDescription("RPC port of the JobManager.");

    public static final ConfigOption<String> TASKMANAGER_HOST = ConfigOptions.key("taskmanager.host")
            .stringType()
            .defaultValue("localhost")
            .withDescription("Host name under which a TaskManager is reachable by the JobManager and other TaskManagers.");

    public static final ConfigOption<Duration> HEARTBEAT_INTERVAL = ConfigOptions.key("heartbeat.interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(1))
            .withDescription("How often TaskManagers report to the JobManager (with their tasks' figures).");

    public static final ConfigOption<Duration> HEARTBEAT_TIMEOUT = ConfigOptions.key("heartbeat.timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("Silence after which the JobManager considers a TaskManager lost (failing its tasks), "
                    + "and a TaskManager the JobManager lost (cancelling its tasks and registering again).");
}
