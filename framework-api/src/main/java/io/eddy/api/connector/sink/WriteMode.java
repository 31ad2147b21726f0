package io.eddy.api.connector.sink;

/** What a file sink does when its output file already exists. */
public enum WriteMode {
    /** Fail with a message naming the file. */
    NO_OVERWRITE,
    /** Replace the file. */
    OVERWRITE
}
