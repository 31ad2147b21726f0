package io.eddy.runtime.state;

/**
 * A value of a state with time-to-live and when it was last accessed (per the update type), in
 * the backend's processing-time clock. Mutable so that reads can refresh it without allocating.
 */
public final class TtlValue<T> {
    private final T value;
    long lastAccess;

    TtlValue(T value, long lastAccess) {
        this.value = value;
        this.lastAccess = lastAccess;
    }

    public T value() {
        return value;
    }

    public long lastAccess() {
        return lastAccess;
    }

    @Override
    public String toString() {
        return value + "@" + lastAccess;
    }
}
