package io.eddy.testutils.harness;

import io.eddy.runtime.keygroups.KeyGroupRange;
import io.eddy.api.state.KeyGroups;

/**
 * The subtask a harness plays: subtask {@code index} of {@code parallelism}, with keyed state in
 * {@code maxParallelism} key groups. It decides which key groups the harness's keyed state owns
 * (and so which keys it accepts) and which share of operator state a restore gives it.
 */
public record Subtask(int index, int parallelism, int maxParallelism) {
    /** The one subtask of an operator with parallelism 1, the default of every harness. */
    public static final Subtask ONLY = of(0, 1);

    public Subtask {
        KeyGroupRange.forSubtask(maxParallelism, parallelism, 0); // checks both parallelisms
        if (index < 0 || index >= parallelism) {
            throw new IllegalArgumentException("Subtask index " + index + " is outside 0.." + (parallelism - 1)
                    + " for parallelism " + parallelism);
        }
    }

    /** Subtask {@code index} of {@code parallelism}, with the default max parallelism (128 key groups). */
    public static Subtask of(int index, int parallelism) {
        return new Subtask(index, parallelism, KeyGroups.DEFAULT_MAX_PARALLELISM);
    }

    /** The key groups this subtask owns. */
    public KeyGroupRange keyGroupRange() {
        return KeyGroupRange.forSubtask(maxParallelism, parallelism, index);
    }

    @Override
    public String toString() {
        return "subtask " + index + " of " + parallelism;
    }
}
