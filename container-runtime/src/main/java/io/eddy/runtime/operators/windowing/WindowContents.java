package io.eddy.runtime.operators.windowing;

import io.eddy.api.functions.AggregateFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.state.AggregatingStateDescriptor;
import io.eddy.api.state.AppendingState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.ReducingStateDescriptor;
import io.eddy.api.state.StateDescriptor;
import io.eddy.api.types.TypeInfo;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;

/**
 * How a window keeps its elements and what its window function gets: one running reduction or
 * accumulator per window (incremental), or all elements. With an evictor the operator keeps all
 * elements anyway and {@link #fold}s those that remain when the window fires.
 *
 * @param <IN> type of the elements
 * @param <V> type of what the window function gets
 */
public abstract class WindowContents<IN, V> implements Serializable {
    private static final long serialVersionUID = 1L;

    static final String STATE_NAME = "window-contents";

    private WindowContents() {}

    /** The state that holds one window's contents when there is no evictor. */
    abstract StateDescriptor<? extends AppendingState<IN, ?>, ?> descriptor();

    /** True when the state is a list: empty rather than null without contents. */
    abstract boolean keepsElements();

    /** The window function's input from what the state holds. */
    abstract Iterable<V> read(Object stored);

    /** The window function's input from the elements that remain after eviction. */
    abstract Iterable<V> fold(Iterable<IN> elements) throws Exception;

    /** One value per window, reduced as elements arrive. */
    public static <T> WindowContents<T, T> reducing(ReduceFunction<T> reducer, TypeInfo<T> type) {
        return new WindowContents<>() {
            private static final long serialVersionUID = 1L;

            @Override
            StateDescriptor<? extends AppendingState<T, ?>, ?> descriptor() {
                return new ReducingStateDescriptor<>(STATE_NAME, reducer, type);
            }

            @Override
            boolean keepsElements() {
                return false;
            }

            @Override
            @SuppressWarnings("unchecked")
            Iterable<T> read(Object stored) {
                return Collections.singletonList((T) stored);
            }

            @Override
            Iterable<T> fold(Iterable<T> elements) throws Exception {
                Iterator<T> it = elements.iterator();
                if (!it.hasNext()) {
                    return Collections.emptyList();
                }
                T result = it.next();
                while (it.hasNext()) {
                    result = reducer.reduce(result, it.next());
                }
                return Collections.singletonList(result);
            }
        };
    }

    /** One accumulator per window, updated as elements arrive; the function gets its result. */
    public static <IN, ACC, OUT> WindowContents<IN, OUT> aggregating(AggregateFunction<IN, ACC, OUT> aggregator,
            TypeInfo<ACC> accumulatorType) {
        return new WindowContents<>() {
            private static final long serialVersionUID = 1L;

            @Override
            StateDescriptor<? extends AppendingState<IN, ?>, ?> descriptor() {
                return new AggregatingStateDescriptor<>(STATE_NAME, aggregator, accumulatorType);
            }

            @Override
            boolean keepsElements() {
                return false;
            }

            @Override
            @SuppressWarnings("unchecked")
            Iterable<OUT> read(Object stored) {
                return Collections.singletonList((OUT) stored);
            }

            @Override
            Iterable<OUT> fold(Iterable<IN> elements) {
                ACC accumulator = aggregator.createAccumulator();
                for (IN element : elements) {
                    accumulator = aggregator.add(element, accumulator);
                }
                return Collections.singletonList(aggregator.getResult(accumulator));
            }
        };
    }

    /** All elements, in arrival order. */
    public static <T> WindowContents<T, T> allElements(TypeInfo<T> type) {
        return new WindowContents<>() {
            private static final long serialVersionUID = 1L;

            @Override
            StateDescriptor<? extends AppendingState<T, ?>, ?> descriptor() {
                return new ListStateDescriptor<>(STATE_NAME, type);
            }

            @Override
            boolean keepsElements() {
                return true;
            }

            @Override
            @SuppressWarnings("unchecked")
            Iterable<T> read(Object stored) {
                return (Iterable<T>) stored;
            }

            @Override
            Iterable<T> fold(Iterable<T> elements) {
                return elements;
            }
        };
    }
}
