package io.eddy.api.state;

import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;

import java.util.Objects;

/** Describes a {@link ReducingState}: the value type and the function that combines added values. */
public final class ReducingStateDescriptor<T> extends StateDescriptor<ReducingState<T>, T> {
    private static final long serialVersionUID = 1L;

    private final ReduceFunction<T> reduceFunction;

    public ReducingStateDescriptor(String name, ReduceFunction<T> reduceFunction, TypeInfo<T> type) {
        super(name, type);
        this.reduceFunction = Objects.requireNonNull(reduceFunction, "reduce function");
    }

    public ReducingStateDescriptor(String name, ReduceFunction<T> reduceFunction, Class<T> type) {
        this(name, reduceFunction, TypeExtractor.forClass(type));
    }

    public ReduceFunction<T> getReduceFunction() {
        return reduceFunction;
    }
}
