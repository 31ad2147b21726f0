package io.eddy.runtime.execution;

import java.io.Serializable;
import java.util.concurrent.ThreadLocalRandom;

/** Identifies one run (attempt) of one parallel subtask. */
public record ExecutionAttemptId(long upper, long lower) implements Serializable {
    public static ExecutionAttemptId generate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new ExecutionAttemptId(r.nextLong(), r.nextLong());
    }

    @Override
    public String toString() {
        return String.format("%016x%016x", upper, lower);
    }
}
