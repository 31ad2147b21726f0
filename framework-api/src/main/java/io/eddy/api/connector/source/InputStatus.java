package io.eddy.api.connector.source;

/** What {@link SourceReaderthere too, since container-runtime's tests cannot depend on test-utils.pollNext} reports after a call. */
public enum InputStatus {
    /** Call again right away. */
    MORE_AVAILABLE,
    /** Nothing now; call again once {@link SourceReaderthere too, since container-runtime's tests cannot depend on test-utils.isAvailable()} completes. */
    NOTHING_AVAILABLE,
    /** All splits are done; no more records will come from this reader. */
    END_OF_INPUT
}
