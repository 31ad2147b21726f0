package io.eddy.api.execution;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.IllegalConfigurationException;

import java.io.Serializable;
import java.util.List;

/**
 * What the JobMaster does when a task fails: fail the job ({@link #none()}), or restart all its
 * tasks from the latest completed checkpoint after a delay, as long as the strategy allows.
 */
public sealed interface RestartStrategy extends Serializable {
    /**
     * The delay before the next restart, or -1 to let the job fail.
     *
     * @param restartsSoFar restarts already made in the job's life
     * @param failureTimes epoch milliseconds of every failure so far, the current one last
     */
    long nextDelay(int restartsSoFar, List<Long> failureTimes);

    static RestartStrategy none() {
        return new FixedDelay(0, 0);
    }

    /** At most {@code attempts} restarts over the job's life, each after {@code delayMillis}. */
    static RestartStrategy fixedDelay(int attempts, long delayMillis) {
        return new FixedDelay(attempts, delayMillis);
    }

    /** Restarts unless more than {@code maxFailures} failures fell within the last {@code intervalMillis}. */
    static RestartStrategy failureRate(int maxFailures, long intervalMillis, long delayMillis) {
        return new FailureRate(maxFailures, intervalMillis, delayMillis);
    }

    /** Restarts at most {@code attempts} times, the delay growing by {@code multiplier} up to {@code maxMillis}. */
    static RestartStrategy exponentialDelay(long initialMillis, long maxMillis, double multiplier, int attempts) {
        return new ExponentialDelay(initialMillis, maxMillis, multiplier, attempts);
    }

    record FixedDelay(int attempts, long delayMillis) implements RestartStrategy {
        public FixedDelay {
            checkNotNegative(attempts, delayMillis);
        }

        @Override
        public long nextDelay(int restartsSoFar, List<Long> failureTimes) {
            return restartsSoFar < attempts ? delayMillis : -1;
        }
    }

    record FailureRate(int maxFailures, long intervalMillis, long delayMillis) implements RestartStrategy {
        public FailureRate {
            checkNotNegative(maxFailures, delayMillis);
            if (intervalMillis <= 0) {
                throw new IllegalArgumentException("The failure-rate interval must be positive: " + intervalMillis + " ms");
            }
        }

        @Override
        public long nextDelay(int restartsSoFar, List<Long> failureTimes) {
            long now = failureTimes.get(failureTimes.size() - 1);
            long recent = failureTimes.stream().filter(t -> t > now - intervalMillis).count();
            return recent <= maxFailures ? delayMillis : -1;
        }
    }

    record ExponentialDelay(long initialMillis, long maxMillis, double multiplier, int attempts)
            implements RestartStrategy {
        public ExponentialDelay {
            checkNotNegative(attempts, initialMillis);
            if (maxMillis < initialMillis || multiplier < 1) {
                throw new IllegalArgumentException("Exponential delay needs max delay >= initial delay and "
                        + "multiplier >= 1, got " + initialMillis + " ms, " + maxMillis + " ms, " + multiplier);
            }
        }

        @Override
        public long nextDelay(int restartsSoFar, List<Long> failureTimes) {
            if (restartsSoFar >= attempts) {
                return -1;
            }
            return (long) Math.min(maxMillis, initialMillis * Math.pow(multiplier, restartsSoFar));
        }
    }

    private static void checkNotNegative(long count, long delayMillis) {
        if (count < 0 || delayMillis < 0) {
            throw new IllegalArgumentException("Restart counts and delays cannot be negative: " + count + ", "
                    + delayMillis + " ms");
        }
    }

    /** From {@link RestartStrategyOptions}, or null when the configuration names none. */
    static RestartStrategy fromConfiguration(Configuration config) {
        String name = config.getOptional(RestartStrategyOptions.STRATEGY).orElse(null);
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "none", "off", "disable" -> none();
            case "fixed-delay", "fixeddelay" -> fixedDelay(config.get(RestartStrategyOptions.ATTEMPTS),
                    config.get(RestartStrategyOptions.DELAY).toMillis());
            case "failure-rate", "failurerate" -> failureRate(config.get(RestartStrategyOptions.MAX_FAILURES),
                    config.get(RestartStrategyOptions.FAILURE_INTERVAL).toMillis(),
                    config.get(RestartStrategyOptions.FAILURE_RATE_DELAY).toMillis());
            case "exponential-delay", "exponentialdelay" -> exponentialDelay(
                    config.get(RestartStrategyOptions.INITIAL_BACKOFF).toMillis(),
                    config.get(RestartStrategyOptions.MAX_BACKOFF).toMillis(),
                    config.get(RestartStrategyOptions.BACKOFF_MULTIPLIER),
                    config.get(RestartStrategyOptions.BACKOFF_ATTEMPTS));
            default -> throw new IllegalConfigurationException("Unknown '" + RestartStrategyOptions.STRATEGY.key()
                    + "': " + name + " (use none, fixed-delay, failure-rate or exponential-delay)");
        };
    }
}
