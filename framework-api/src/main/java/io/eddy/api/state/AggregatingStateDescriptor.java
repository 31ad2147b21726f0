package io.eddy.api.state;

import io.eddy.api.functions.AggregateFunction;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;

import java.util.Objects;

/** Describes an {@link AggregatingState}: the function and the type of its accumulator, which is what is stored. */
public final class AggregatingStateDescriptor<IN, ACC, OUT>
        extends StateDescriptor<AggregatingState<IN, OUT>, ACC> {
    private static final long serialVersionUID = 1L;

    private final AggregateFunction<IN, ACC, OUT> aggregateFunction;

    public AggregatingStateDescriptor(String name, AggregateFunction<IN, ACC, OUT> aggregateFunction,
            TypeInfo<ACC> accumulatorType) {
        super(name, accumulatorType);
        this.aggregateFunction = Objects.requireNonNull(aggregateFunction, "aggregate function");
    }

    public AggregatingStateDescriptor(String name, AggregateFunction<IN, ACC, OUT> aggregateFunction,
            Class<ACC> accumulatorType) {
        this(name, aggregateFunction, TypeExtractor.forClass(accumulatorType));
    }

    public AggregateFunction<IN, ACC, OUT> getAggregateFunction() {
        return aggregateFunction;
    }
}
