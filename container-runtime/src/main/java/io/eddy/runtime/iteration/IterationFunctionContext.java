package io.eddy.runtime.iteration;

import io.eddy.api.dataset.aggregators.Aggregator;
import io.eddy.api.functions.BroadcastVariableInitializer;
import io.eddy.api.functions.rich.IterationRuntimeContext;
import io.eddy.api.functions.rich.RuntimeContext;
import io.eddy.api.metrics.MetricGroup;
import io.eddy.api.state.AggregatingState;
import io.eddy.api.state.AggregatingStateDescriptor;
import io.eddy.api.state.ListState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.MapState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.ReducingState;
import io.eddy.api.state.ReducingStateDescriptor;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The runtime context of a function in an iteration's step function for one superstep: the
 * operator's context plus the superstep number, this superstep's aggregators of the operator, and the
 * aggregates the iteration combined at the end of the previous superstep. Task thread only.
 */
final class IterationFunctionContext implements IterationRuntimeContext {
    private final RuntimeContext operator;
    private final IterationSpec spec;
    private final int superstep;
    private final Map<String, Aggregator<?>> aggregators;
    private final Map<String, Serializable> previousAggregates;

    IterationFunctionContext(RuntimeContext operator, IterationSpec spec, int superstep,
            Map<String, Aggregator<?>> aggregators, Map<String, Serializable> previousAggregates) {
        this.operator = operator;
        this.spec = spec;
        this.superstep = superstep;
        this.aggregators = aggregators;
        this.previousAggregates = previousAggregates;
    }

    @Override
    public int getSuperstepNumber() {
        return superstep;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends Aggregator<?>> A getIterationAggregator(String name) {
        Aggregator<?> aggregator = aggregators.get(name);
        if (aggregator == null) {
            throw unknownAggregator(name);
        }
        return (A) aggregator;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Serializable> T getPreviousIterationAggregate(String name) {
        if (!aggregators.containsKey(name)) {
            throw unknownAggregator(name);
        }
        return (T) previousAggregates.get(name);
    }

    private IllegalArgumentException unknownAggregator(String name) {
        return new IllegalArgumentException("No aggregator named '" + name + "' is registered on " + spec.describe()
                + " (registered: " + aggregators.keySet() + "): register it with registerAggregator(\"" + name
                + "\", aggregator) on the iteration.");
    }

    @Override
    public String getTaskName() {
        return operator.getTaskName();
    }

    @Override
    public int getIndexOfThisSubtask() {
        return operator.getIndexOfThisSubtask();
    }

    @Override
    public int getNumberOfParallelSubtasks() {
        return operator.getNumberOfParallelSubtasks();
    }

    @Override
    public int getMaxNumberOfParallelSubtasks() {
        return operator.getMaxNumberOfParallelSubtasks();
    }

    @Override
    public int getAttemptNumber() {
        return operator.getAttemptNumber();
    }

    @Override
    public String getJobId() {
        return operator.getJobId();
    }

    @Override
    public ClassLoader getUserCodeClassLoader() {
        return operator.getUserCodeClassLoader();
    }

    @Override
    public MetricGroup getMetricGroup() {
        return operator.getMetricGroup();
    }

    @Override
    public <T> List<T> getBroadcastVariable(String name) {
        return operator.getBroadcastVariable(name);
    }

    @Override
    public <T, C> C getBroadcastVariableWithInitializer(String name, BroadcastVariableInitializer<T, C> initializer) {
        return operator.getBroadcastVariableWithInitializer(name, initializer);
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
        return operator.getState(descriptor);
    }

    @Override
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return operator.getListState(descriptor);
    }

    @Override
    public <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> descriptor) {
        return operator.getMapState(descriptor);
    }

    @Override
    public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
        return operator.getReducingState(descriptor);
    }

    @Override
    public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
        return operator.getAggregatingState(descriptor);
    }
}
