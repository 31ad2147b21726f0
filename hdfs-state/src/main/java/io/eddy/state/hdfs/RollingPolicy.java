package io.eddy.state.hdfs;

import java.io.Serializable;
import java.time.Duration;

/**
 * When an {@link ExactlyOnceFileSink} closes its current part file and starts the next one, in
 * addition to every checkpoint: when the file has reached {@link #getMaxPartSize()} bytes (checked
 * after each record, so a file exceeds it by at most one record), when it has been open for
 * {@link #getRolloverInterval()}, or when no record has arrived for {@link #getInactivityInterval()}.
 * The two intervals are checked on the subtask's processing-time clock every quarter of the
 * shorter one, also while no records arrive, so a file rolls at most that much later than due and
 * never earlier.
 *
 * <p>Defaults: 128 MiB, 15 minutes, 5 minutes. Rolling only cuts output into more files; when they
 * become visible is decided by checkpoints alone.
 */
public final class RollingPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final long DEFAULT_MAX_PART_SIZE = 128L * 1024 * 1024;
    public static final Duration DEFAULT_ROLLOVER_INTERVAL = Duration.ofMinutes(15);
    public static final Duration DEFAULT_INACTIVITY_INTERVAL = Duration.ofMinutes(5);

    private final long maxPartSize;
    private final long rolloverMillis;
    private final long inactivityMillis;

    private RollingPolicy(long maxPartSize, long rolloverMillis, long inactivityMillis) {
        this.maxPartSize = maxPartSize;
        this.rolloverMillis = rolloverMillis;
        this.inactivityMillis = inactivityMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The policy with all defaults. */
    public static RollingPolicy defaults() {
        return builder().build();
    }

    public long getMaxPartSize() {
        return maxPartSize;
    }

    public Duration getRolloverInterval() {
        return Duration.ofMillis(rolloverMillis);
    }

    public Duration getInactivityInterval() {
        return Duration.ofMillis(inactivityMillis);
    }

    long rolloverMillis() {
        return rolloverMillis;
    }

    long inactivityMillis() {
        return inactivityMillis;
    }

    /** How often the writer looks at the clock: a quarter of the shorter interval, at least 1 ms. */
    long checkIntervalMillis() {
        return Math.max(1, Math.min(rolloverMillis, inactivityMillis) / 4);
    }

    @Override
    public String toString() {
        return "RollingPolicy{maxPartSize=" + maxPartSize + " bytes, rollover=" + getRolloverInterval()
                + ", inactivity=" + getInactivityInterval() + "}";
    }

    public static final class Builder {
        private long maxPartSize = DEFAULT_MAX_PART_SIZE;
        private long rolloverMillis = DEFAULT_ROLLOVER_INTERVAL.toMillis();
        private long inactivityMillis = DEFAULT_INACTIVITY_INTERVAL.toMillis();

        private Builder() {}

        /** Rolls once a part file holds at least {@code bytes}; must be positive. */
        public Builder withMaxPartSize(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("withMaxPartSize needs a positive number of bytes, not " + bytes);
            }
            this.maxPartSize = bytes;
            return this;
        }

        /** Rolls a part file that has been open this long; at least 1 ms. */
        public Builder withRolloverInterval(Duration interval) {
            this.rolloverMillis = millis("withRolloverInterval", interval);
            return this;
        }

        /** Rolls a part file that has received no record for this long; at least 1 ms. */
        public Builder withInactivityInterval(Duration interval) {
            this.inactivityMillis = millis("withInactivityInterval", interval);
            return this;
        }

        private static long millis(String method, Duration interval) {
            if (interval == null || interval.toMillis() < 1) {
                throw new IllegalArgumentException(method + " needs a duration of at least 1 ms, not " + interval);
            }
            return interval.toMillis();
        }

        public RollingPolicy build() {
            return new RollingPolicy(maxPartSize, rolloverMillis, inactivityMillis);
        }
    }
}
