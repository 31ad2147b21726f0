package io.eddy.yarn.deployment;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;
import io.eddy.api.config.MemorySize;

import java.time.Duration;

/** Options of the client that starts and finds Eddy applications on YARN. */
public final class YarnDeploymentOptions {
    private YarnDeploymentOptions() {}

    public static final ConfigOption<String> APPLICATION_ID = ConfigOptions.key("yarn.application.id")
            .stringType()
            .noDefaultValue()
            .withDescription("The YARN session to use (-t yarn-session); unset, the one yarn-session.sh last started "
                    + "for this user.");

    public static final ConfigOption<String> APPLICATION_NAME = ConfigOptions.key("yarn.application.name")
            .stringType()
            .defaultValue("Eddy session")
            .withDescription("Name of the YARN application (yarn-session.sh -nm).");

    public static final ConfigOption<String> QUEUE = ConfigOptions.key("yarn.application.queue")
            .stringType()
            .defaultValue("default")
            .withDescription("YARN queue the application is submitted to (yarn-session.sh -qu).");

    public static final ConfigOption<String> PROVIDED_LIB_DIRS = ConfigOptions.key("yarn.provided.lib.dirs")
            .stringType()
            .noDefaultValue()
            .withDescription("Directories on the cluster's file system (';'-separated) already holding the "
                    + "distribution's lib/ jars: they are not uploaded.");

    public static final ConfigOption<MemorySize> JOBMANAGER_PROCESS_MEMORY = ConfigOptions.key("jobmanager.memory.process.size")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(1600))
            .withDescription("Total memory of the ApplicationMaster container hosting the JobManager (yarn-session.sh -jm).");

    public static final ConfigOption<Duration> RESOURCE_MANAGER_CONNECT_TIMEOUT =
            ConfigOptions.key("yarn.client.connect-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("How long the client tries to reach YARN's ResourceManager before it gives up.");

    public static final ConfigOption<Duration> DEPLOYMENT_TIMEOUT = ConfigOptions.key("yarn.client.deployment-timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(5))
            .withDescription("How long the client waits for a new application to run (YARN may queue it).");

    public static final ConfigOption<String> PROPERTIES_FILE_DIR = ConfigOptions.key("yarn.properties-file.location")
            .stringType()
            .noDefaultValue()
            .withDescription("Directory of the per-user file remembering the last started YARN session "
                    + "(.yarn-properties-<user>); unset, the system's temporary directory.");

    public static final ConfigOption<Integer> APPLICATION_ATTEMPTS = ConfigOptions.key("yarn.application-attempts")
            .intType()
            .defaultValue(2)
            .withDescription("How often YARN starts the ApplicationMaster in all (the first start included); a new "
                    + "attempt recovers the running jobs from their latest checkpoints. YARN caps it at "
                    + "yarn.resourcemanager.am.max-attempts.");
}
