package io.eddy.api.functions;

/** Which clock a timer follows. */
public enum TimeDomain {
    /** The watermark: the progress of the data's own timestamps. */
    EVENT_TIME,
    /** The wall clock of the machine running the task. */
    PROCESSING_TIME
}
