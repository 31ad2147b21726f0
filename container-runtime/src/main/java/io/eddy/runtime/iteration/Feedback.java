package io.eddy.runtime.iteration;

/** What a tail of an iteration hands back to the head at the end of each superstep. */
public enum Feedback {
    /** The records of a bulk iteration's next partial solution. */
    NEXT_PARTIAL_SOLUTION,
    /** Only the number of records of a bulk iteration's termination criterion: none ends the iteration. */
    TERMINATION_CRITERION,
    /** The records of a delta iteration's next workset. */
    WORKSET,
    /** The records that update a delta iteration's solution set. */
    SOLUTION_SET_DELTA;

    /** Whether the head needs the records, or only their number. */
    boolean carriesRecords() {
        return this != TERMINATION_CRITERION;
    }
}
