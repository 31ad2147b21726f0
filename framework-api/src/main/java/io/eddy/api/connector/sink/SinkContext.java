package io.eddy.api.connector.sink;

import io.eddy.api.operators.OperatorContext;
import io.eddy.api.operators.ProcessingTimeService;
import io.eddy.api.state.OperatorStateStore;

/** What a sink writer knows about the subtask it runs in, and the services of that subtask it may use. */
public interface SinkContext {
    int getIndexOfSubtask();

    int getParallelism();

    /** 0 on the first run, incremented on every restart. */
    int getAttemptNumber();

    String getJobId();

    /**
     * The subtask's processing-time clock: a writer that acts on time (e.g. closes a file that has
     * been open too long) registers callbacks there, which run in the task thread like its other methods.
     */
    ProcessingTimeService getProcessingTimeService();

    /**
     * The sink operator's state that is not scoped to keys, checkpointed with it: for a writer that
     * must remember something across restores, e.g. in union state that every subtask of a rescaled
     * job reads. Names must not clash with the operator's own states ({@code two-phase-commit-*}).
     */
    OperatorStateStore getOperatorStateStore();

    /** The sink context of the subtask {@code context} describes. */
    static SinkContext of(OperatorContext context) {
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

            @Override
            public ProcessingTimeService getProcessingTimeService() {
                return context.getProcessingTimeService();
            }

            @Override
            public OperatorStateStore getOperatorStateStore() {
                return context.getOperatorStateStore();
            }
        };
    }
}
