package io.eddy.yarn.resourcemanager;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;

import java.time.Duration;

/** Options of the {@link YarnResourceManagerDriver}: how TaskManager containers are asked for and watched. */
public final class YarnResourceManagerOptions {
    private YarnResourceManagerOptions() {}

    public static final ConfigOption<Integer> CONTAINER_VCORES = ConfigOptions.key("yarn.containers.vcores")
            .intType()
            .noDefaultValue()
            .withDescription("Virtual cores of a TaskManager container; unset, one per task slot.");

    public static final ConfigOption<Integer> MAX_FAILED_CONTAINERS = ConfigOptions.key("yarn.maximum-failed-containers")
            .intType()
            .defaultValue(10)
            .withDescription("TaskManager containers that may fail (end without being released, or fail to "
                    + "launch) before the application gives up with the last failure as its diagnostics.");

    public static final ConfigOption<Duration> HEARTBEAT_INTERVAL = ConfigOptions.key("yarn.heartbeat.interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(1))
            .withDescription("How often the ApplicationMaster talks to YARN's ResourceManager (allocations, "
                    + "completed containers).");
}
