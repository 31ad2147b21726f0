package io.eddy.api.execution;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;

/** Where and how {@code execute()} runs a job. */
public final class DeploymentOptions {
    private DeploymentOptions() {}

    public static final ConfigOption<String> TARGET = ConfigOptions.key("execution.target")
            .stringType()
            .defaultValue("local")
            .withDescription("Where jobs run: local (embedded cluster in this JVM), remote (a running "
                    + "standalone cluster), yarn-session, yarn-per-job, yarn-application.");

    public static final ConfigOption<Boolean> ATTACHED = ConfigOptions.key("execution.attached")
            .booleanType()
            .defaultValue(true)
            .withDescription("Whether execute() waits for the job to end (true) or returns after submission.");

    public static final ConfigOption<String> JARS = ConfigOptions.key("pipeline.jars")
            .stringType()
            .noDefaultValue()
            .withDescription("The job's jar files (';'-separated), shipped to remote clusters; bin/eddy run sets it.");
}
