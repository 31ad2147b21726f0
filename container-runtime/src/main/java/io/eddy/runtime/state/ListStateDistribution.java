package io.eddy.runtime.state;

import java.util.ArrayList;
import java.util.List;

/** How the elements of an operator list state are shared out among the subtasks when the parallelism changes. */
public enum ListStateDistribution {
    /**
     * The lists of all old subtasks, concatenated in subtask order, are cut into contiguous parts
     * whose sizes differ by at most one (the first parts get the extra elements).
     */
    EVEN_SPLIT {
        @Override
        public <T> List<List<T>> redistribute(List<? extends List<T>> subtaskLists, int newParallelism) {
            checkParallelism(newParallelism);
            List<T> all = concatenate(subtaskLists);
            List<List<T>> parts = new ArrayList<>(newParallelism);
            int base = all.size() / newParallelism;
            int extra = all.size() % newParallelism;
            int from = 0;
            for (int i = 0; i < newParallelism; i++) {
                int to = from + base + (i < extra ? 1 : 0);
                parts.add(new ArrayList<>(all.subList(from, to)));
                from = to;
            }
            return parts;
        }
    },

    /** Every new subtask gets the elements of all old subtasks, in subtask order. */
    UNION {
        @Override
        public <T> List<List<T>> redistribute(List<? extends List<T>> subtaskLists, int newParallelism) {
            checkParallelism(newParallelism);
            List<T> all = concatenate(subtaskLists);
            List<List<T>> parts = new ArrayList<>(newParallelism);
            for (int i = 0; i < newParallelism; i++) {
                parts.add(new ArrayList<>(all));
            }
            return parts;
        }
    };

    /**
     * The lists of the {@code newParallelism} new subtasks, given the lists of the old subtasks in
     * subtask order.
     */
    public abstract <T> List<List<T>> redistribute(List<? extends List<T>> subtaskLists, int newParallelism);

    private static <T> List<T> concatenate(List<? extends List<T>> lists) {
        List<T> all = new ArrayList<>();
        lists.forEach(all::addAll);
        return all;
    }

    private static void checkParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("Parallelism must be at least 1, was " + parallelism);
        }
    }
}
