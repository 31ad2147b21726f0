package io.eddy.api.functions.rich;

import io.eddy.api.state.KeyedStateStore;

/** What a rich function can learn about the parallel subtask it runs in, and its keyed state. */
public interface RuntimeContext extends KeyedStateStore {
    /** The operator's name, as given by {@code name(...)} or derived from the function. */
    String getTaskName();

    /** 0-based index of this parallel subtask. */
    int getIndexOfThisSubtask();

    int getNumberOfParallelSubtasks();

    /** Upper bound for the parallelism and the number of key groups of keyed state. */
    int getMaxNumberOfParallelSubtasks();

    /** 0 for the first run of this subtask, incremented on every restart. */
    int getAttemptNumber();

    String getJobId();

    ClassLoader getUserCodeClassLoader();
}
