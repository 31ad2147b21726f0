package io.eddy.api.execution;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.IllegalConfigurationException;

import java.io.Serializable;

/**
 * What the JobMaster does when a task fails: fail the job ({@link #none()}), or restart all its
 * tasks from the latest completed checkpoint after a delay, a limited number of times.
 *
 * @param attempts how many restarts are allowed over the job's life; 0 for none
 */
public record RestartStrategy(int attempts, long delayMillis) implements Serializable {
    public RestartStrategy {
        if (attempts < 0 || delayMillis < 0) {
            throw new IllegalArgumentException("Restart attempts and delay cannot be negative: " + attempts
                    + " attempts, " + delayMillis + " ms");
        }
    }

    public static RestartStrategy none() {
        return new RestartStrategy(0, 0);
    }

    public static RestartStrategy fixedDelay(int attempts, long delayMillis) {
        return new RestartStrategy(attempts, delayMillis);
    }

    /** From {@link RestartStrategyOptions}, or null when the configuration names none. */
    public static RestartStrategy fromConfiguration(Configuration config) {
        String name = config.getOptional(RestartStrategyOptions.STRATEGY).orElse(null);
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "none", "off", "disable" -> none();
            case "fixed-delay", "fixeddelay" -> fixedDelay(config.get(RestartStrategyOptions.ATTEMPTS),
                    config.get(RestartStrategyOptions.DELAY).toMillis());
            default -> throw new IllegalConfigurationException("Unknown '"
                    + RestartStrategyOptions.STRATEGY.key() + "': " + name + " (use none or fixed-delay)");
        };
    }
}
