package io.eddy.api.windowing.assigners;

import io.eddy.api.windowing.windows.Window;

import java.util.Collection;

/** An assigner whose windows can grow together, like sessions: the operator merges their contents and triggers. */
public abstract class MergingWindowAssigner<T, W extends Window> extends WindowAssigner<T, W> {
    private static final long serialVersionUID = 1L;

    /** Receives each group of windows that merge into one. */
    @FunctionalInterface
    public interface MergeCallback<W> {
        void merge(Collection<W> merged, W result) throws Exception;
    }

    /** Reports every group of two or more of {@code windows} that become one window. */
    public abstract void mergeWindows(Collection<W> windows, MergeCallback<W> callback) throws Exception;
}
