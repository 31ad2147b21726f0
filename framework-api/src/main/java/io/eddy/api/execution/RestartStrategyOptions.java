package io.eddy.api.execution;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;

import java.time.Duration;

/** How a job recovers from task failures; see {@link RestartStrategy}. */
public final class RestartStrategyOptions {
    private RestartStrategyOptions() {}

    public static final ConfigOption<String> STRATEGY = ConfigOptions.key("restart-strategy")
            .stringType()
            .noDefaultValue()
            .withDescription("none or fixed-delay. Unset: fixed-delay with unlimited attempts when"
                    + " checkpointing is on, else none.");

    public static final ConfigOption<Integer> ATTEMPTS = ConfigOptions.key("restart-strategy.fixed-delay.attempts")
            .intType()
            .defaultValue(1)
            .withDescription("How many times fixed-delay restarts the job before it lets it fail.");

    public static final ConfigOption<Duration> DELAY = ConfigOptions.key("restart-strategy.fixed-delay.delay")
            .durationType()
            .defaultValue(Duration.ofSeconds(1))
            .withDescription("Time between cancelling the failed job's tasks and deploying them again.");
}
