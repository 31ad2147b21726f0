package io.eddy.api.connector.sink;

import io.eddy.api.functions.RuntimeContext;

/** What a sink writer knows about the subtask it runs in. */
public interface SinkContext {
    int getIndexOfSubtask();

    int getParallelism();

    /** 0 on the first run, incremented on every restart. */
    int getAttemptNumber();

    String getJobId();

    /** The sink context of the subtask {@code context} describes. */
    static SinkContext of(RuntimeContext context) {
        return new SinkContext() {
            @Override
            public int getIndexOfSubtask() {
                return context.getIndexOfThisSubtask();
            }

            @Override
            public int getParallelism() {
                return context.getNumberOfParallelSubtasks();
            }

            @Override
            public int getAttemptNumber() {
                return context.getAttemptNumber();
            }

            @Override
            public String getJobId() {
                return context.getJobId();
            }
        };
    }
}
