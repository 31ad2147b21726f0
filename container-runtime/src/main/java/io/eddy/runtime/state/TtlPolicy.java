package io.eddy.runtime.state;

import io.eddy.api.state.StateTtlConfig;

import java.util.function.LongSupplier;

/** A {@link StateTtlConfig} applied with the backend's clock. States without time-to-live have none. */
final class TtlPolicy {
    private final LongSupplier clock;
    private final long ttlMillis;
    private final boolean refreshOnRead;
    private final boolean returnExpired;
    /** Entries of other keys checked per access; 0 for none. */
    final int cleanupEntries;

    TtlPolicy(StateTtlConfig config, LongSupplier clock) {
        this.clock = clock;
        this.ttlMillis = config.ttl().toMillis();
        this.refreshOnRead = config.updateType() == StateTtlConfig.UpdateType.OnReadAndWrite;
        this.returnExpired = config.stateVisibility() == StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp;
        this.cleanupEntries = config.cleanupEntriesPerAccess();
    }

    long now() {
        return clock.getAsLong();
    }

    boolean isExpired(TtlValue<?> v, long now) {
        return now - v.lastAccess >= ttlMillis;
    }

    /**
     * What a read of {@code v} sees: its value, refreshed if reads count as access; or, when it
     * expired, the value or null depending on the visibility. The caller removes expired values.
     */
    <T> T read(TtlValue<T> v, long now) {
        if (isExpired(v, now)) {
            return returnExpired ? v.value() : null;
        }
        if (refreshOnRead) {
            v.lastAccess = now;
        }
        return v.value();
    }
}
