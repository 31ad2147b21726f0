package io.eddy.api.functions.rich;

import io.eddy.api.functions.BroadcastVariableInitializer;
import io.eddy.api.metrics.MetricGroup;
import io.eddy.api.state.KeyedStateStore;

import java.util.List;

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

    /** Where this operator's subtask registers its own metrics; they are reported with the built-in ones. */
    MetricGroup getMetricGroup();

    /**
     * The records of the broadcast set given to this operator as {@code withBroadcastSet(set, name)}:
     * all of them, on every subtask, available from {@code open()} on (inside an iteration: the set's
     * records of the current superstep). The list must not be modified.
     *
     * @throws IllegalArgumentException when the operator has no broadcast set {@code name}
     */
    default <T> List<T> getBroadcastVariable(String name) {
        throw new IllegalArgumentException("'" + getTaskName() + "' has no broadcast set named '" + name
                + "': give it with withBroadcastSet(set, \"" + name + "\") on the operator that uses it.");
    }

    /**
     * The broadcast set {@code name} as {@code initializer} shapes it, computed once per subtask (per
     * superstep inside an iteration) and shared by later calls.
     */
    default <T, C> C getBroadcastVariableWithInitializer(String name, BroadcastVariableInitializer<T, C> initializer) {
        return initializer.initializeBroadcastVariable(getBroadcastVariable(name));
    }
}
