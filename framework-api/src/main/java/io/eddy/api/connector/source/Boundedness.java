package io.eddy.api.connector.source;

/** Whether a source ends (a file, a sequence) or runs until cancelled (a socket, a queue). */
public enum Boundedness {
    BOUNDED,
    CONTINUOUS_UNBOUNDED
}
