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
            .withDescription("none, fixed-delay, failure-rate or exponential-delay. Unset: fixed-delay with unlimited attempts when"
                    + " checkpointing is on, else none.");

    public static final ConfigOption<Integer> ATTEMPTS = ConfigOptions.key("restart-strategy.fixed-delay.attempts")
            .intType()
            .defaultValue(1)
            .withDescription("How many times fixed-delay restarts the job before it lets it fail.");

    public static final ConfigOption<Duration> DELAY = ConfigOptions.key("restart-strategy.fixed-delay.delay")
            .durationType()
            .defaultValue(Duration.ofSeconds(1))
            .withDescription("Time between cancelling the failed job's tasks and deploying them again.");

    public static final ConfigOption<Integer> MAX_FAILURES = ConfigOptions.key(
                    "restart-strategy.failure-rate.max-failures-per-interval")
            .intType()
            .defaultValue(1)
            .withDescription("failure-rate: the job fails when more failures than this fall within the interval.");

    public static final ConfigOption<Duration> FAILURE_INTERVAL = ConfigOptions.key(
                    "restart-strategy.failure-rate.failure-rate-interval")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("failure-rate: the window in which failures are counted.");

    public static final ConfigOption<Duration> FAILURE_RATE_DELAY = ConfigOptions.key("restart-strategy.failure-rate.delay")
            .durationType()
            .defaultValue(Duration.ofSeconds(1))
            .withDescription("failure-rate: time between cancelling the failed job's tasks and deploying them again.");

    public static final ConfigOption<Duration> INITIAL_BACKOFF = ConfigOptions.key(
                    "restart-strategy.exponential-delay.initial-backoff")
            .durationType()
            .defaultValue(Duration.ofSeconds(1))
            .withDescription("exponential-delay: the delay before the first restart.");

    public static final ConfigOption<Duration> MAX_BACKOFF = ConfigOptions.key("restart-strategy.exponential-delay.max-backoff")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("exponential-delay: the longest delay.");

    public static final ConfigOption<Double> BACKOFF_MULTIPLIER = ConfigOptions.key(
                    "restart-strategy.exponential-delay.backoff-multiplier")
            .doubleType()
            .defaultValue(2.0)
            .withDescription("exponential-delay: each delay is the previous one times this.");

    public static final ConfigOption<Integer> BACKOFF_ATTEMPTS = ConfigOptions.key("restart-strategy.exponential-delay.attempts")
            .intType()
            .defaultValue(Integer.MAX_VALUE)
            .withDescription("exponential-delay: how many restarts before the job is let fail.");
}
