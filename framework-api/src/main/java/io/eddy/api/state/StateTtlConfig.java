package io.eddy.api.state;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Time-to-live of keyed state, in processing time: a value expires {@code ttl} after it was last
 * written (or also read, see {@link UpdateType}). Expired values are removed lazily when accessed,
 * and incrementally: every access of the state also checks a few entries of other keys
 * ({@code cleanupEntriesPerAccess}), so keys that are never touched again do not hold memory
 * forever. For list state each element, for map state each entry expires on its own.
 */
public record StateTtlConfig(Duration ttl, UpdateType updateType, StateVisibility stateVisibility,
        int cleanupEntriesPerAccess) implements Serializable {

    public static final int DEFAULT_CLEANUP_ENTRIES_PER_ACCESS = 5;

    /** Which accesses restart a value's time-to-live. */
    public enum UpdateType {
        /** Creating and writing the value. */
        OnCreateAndWrite,
        /** Also reading it: values in use stay alive. */
        OnReadAndWrite
    }

    /** Whether a read may see a value that expired but was not removed yet. */
    public enum StateVisibility {
        NeverReturnExpired,
        /** The first read after expiry still returns the value (and removes it). */
        ReturnExpiredIfNotCleanedUp
    }

    public StateTtlConfig {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(updateType, "update type");
        Objects.requireNonNull(stateVisibility, "state visibility");
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("The state time-to-live must be at least 1 ms, was " + ttl);
        }
        if (cleanupEntriesPerAccess < 0) {
            throw new IllegalArgumentException("Entries to clean up per access must not be negative, was "
                    + cleanupEntriesPerAccess);
        }
    }

    /**
     * Starts a configuration: {@link UpdateTypethere too, since container-runtime's tests cannot depend on test-utils.OnCreateAndWrite}, {@link StateVisibilitythere too, since container-runtime's tests cannot depend on test-utils.NeverReturnExpired}
     * and {@value #DEFAULT_CLEANUP_ENTRIES_PER_ACCESS} entries cleaned up per access unless set.
     */
    public static Builder newBuilder(Duration ttl) {
        return new Builder(ttl);
    }

    public static final class Builder {
        private final Duration ttl;
        private UpdateType updateType = UpdateType.OnCreateAndWrite;
        private StateVisibility stateVisibility = StateVisibility.NeverReturnExpired;
        private int cleanupEntriesPerAccess = DEFAULT_CLEANUP_ENTRIES_PER_ACCESS;

        private Builder(Duration ttl) {
            this.ttl = ttl;
        }

        public Builder setUpdateType(UpdateType updateType) {
            this.updateType = updateType;
            return this;
        }

        public Builder setStateVisibility(StateVisibility stateVisibility) {
            this.stateVisibility = stateVisibility;
            return this;
        }

        /** How many entries of other keys each state access checks for expiry; 0 cleans up only on access. */
        public Builder cleanupIncrementally(int entriesPerAccess) {
            this.cleanupEntriesPerAccess = entriesPerAccess;
            return this;
        }

        public StateTtlConfig build() {
            return new StateTtlConfig(ttl, updateType, stateVisibility, cleanupEntriesPerAccess);
        }
    }
}
