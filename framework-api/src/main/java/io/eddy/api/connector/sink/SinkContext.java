package io.eddy.api.connector.sink;

/** What a sink writer knows about the subtask it runs in. */
public interface SinkContext {
    int getIndexOfSubtask();

    int getParallelism();

    /** 0 on the first run, incremented on every restart. */
    int getAttemptNumber();

    String getJobId();
}
