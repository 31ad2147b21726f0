package io.eddy.testutils.harness;

import io.eddy.api.operators.Output;

/** A value an operator emitted, with its event timestamp ({@link Output#NO_TIMESTAMP} for none). */
public record Timestamped<T>(T value, long timestamp) {
    public static <T> Timestamped<T> of(T value, long timestamp) {
        return new Timestamped<>(value, timestamp);
    }

    @Override
    public String toString() {
        return value + (timestamp == Output.NO_TIMESTAMP ? "" : "@" + timestamp);
    }
}
