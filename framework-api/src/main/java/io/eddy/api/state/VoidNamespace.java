package io.eddy.api.state;

/** The namespace of state and timers that are per key only (not per window). */
public enum VoidNamespace {
    INSTANCE
}
