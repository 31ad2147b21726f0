package io.eddy.api.connector.source;

/** What {@link SourceReader#pollNext} reports after a call. */
public enum InputStatus {
    /** Call again right away. */
    MORE_AVAILABLE,
    /** Nothing now; call again once {@link SourceReader#isAvailable()} completes. */
    NOTHING_AVAILABLE,
    /** All splits are done; no more records will come from this reader. */
    END_OF_INPUT
}
