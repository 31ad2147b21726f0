package io.eddy.runtime.translation;

import io.eddy.api.functions.AggregateFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.transformations.Operation;
import io.eddy.api.types.TypeInfo;
import io.eddy.runtime.iteration.IterationOperators;
import io.eddy.runtime.operators.BroadcastProcessOperator;
import io.eddy.runtime.operators.CoFlatMapOperator;
import io.eddy.runtime.operators.CoMapOperator;
import io.eddy.runtime.operators.CoProcessOperator;
import io.eddy.runtime.operators.FilterOperator;
import io.eddy.runtime.operators.FlatMapOperator;
import io.eddy.runtime.operators.IntervalJoinOperator;
import io.eddy.runtime.operators.KeyedBroadcastProcessOperator;
import io.eddy.runtime.operators.KeyedCoProcessOperator;
import io.eddy.runtime.operators.KeyedProcessOperator;
import io.eddy.runtime.operators.MapOperator;
import io.eddy.runtime.operators.ProcessOperator;
import io.eddy.runtime.operators.ReduceOperator;
import io.eddy.runtime.operators.SinkOperator;
import io.eddy.runtime.operators.TimestampsAndWatermarksOperator;
import io.eddy.runtime.operators.TwoPhaseCommitSinkOperator;
import io.eddy.runtime.operators.batch.HashCombineOperator;
import io.eddy.runtime.operators.batch.HashJoinOperator;
import io.eddy.runtime.operators.batch.HashReduceOperator;
import io.eddy.runtime.operators.batch.CrossOperator;
import io.eddy.runtime.operators.batch.SortMergeCoGroupOperator;
import io.eddy.runtime.operators.batch.SortGroupReduceOperator;
import io.eddy.runtime.operators.batch.SortPartitionOperator;
import io.eddy.runtime.operators.batch.SortReduceOperator;
import io.eddy.runtime.operators.batch.SortedReduceOperator;
import io.eddy.runtime.operators.windowing.WindowContents;
import io.eddy.runtime.operators.windowing.WindowOperator;

/**
 * Makes the operator that runs an {@link Operation}: each built-in operation has one operator
 * implementation; a user's own operator runs as given. Called once per operation when a pipeline
 * is compiled; the operator is then serialized into the job graph, and each subtask deserializes
 * its own instance.
 */
final class OperatorTranslator {
    private OperatorTranslator() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    static StreamOperator<?> createOperator(Operation operation, double memoryShare) {
        if (operation instanceof Operation.Batch batch) {
            return createBatchOperator(batch, memoryShare);
        } else if (operation instanceof Operation.Custom custom) {
            return custom.operator();
        } else if (operation instanceof Operation.Map map) {
            return new MapOperator<>(map.function());
        } else if (operation instanceof Operation.FlatMap flatMap) {
            return new FlatMapOperator<>(flatMap.function());
        } else if (operation instanceof Operation.Filter filter) {
            return new FilterOperator<>(filter.function());
        } else if (operation instanceof Operation.Process process) {
            return new ProcessOperator<>(process.function());
        } else if (operation instanceof Operation.KeyedProcess process) {
            return new KeyedProcessOperator<>(process.function());
        } else if (operation instanceof Operation.Reduce reduce) {
            return new ReduceOperator<>(reduce.function(), reduce.type());
        } else if (operation instanceof Operation.AssignTimestamps assign) {
            return new TimestampsAndWatermarksOperator<>(assign.strategy());
        } else if (operation instanceof Operation.SinkTo sinkTo) {
            return new SinkOperator<>(sinkTo.sink());
        } else if (operation instanceof Operation.TwoPhaseCommitSinkTo sinkTo) {
            return new TwoPhaseCommitSinkOperator<>(sinkTo.sink());
        } else if (operation instanceof Operation.CoMap coMap) {
            return new CoMapOperator<>(coMap.function());
        } else if (operation instanceof Operation.CoFlatMap coFlatMap) {
            return new CoFlatMapOperator<>(coFlatMap.function());
        } else if (operation instanceof Operation.CoProcess process) {
            return new CoProcessOperator<>(process.function());
        } else if (operation instanceof Operation.KeyedCoProcess process) {
            return new KeyedCoProcessOperator<>(process.function());
        } else if (operation instanceof Operation.BroadcastProcess process) {
            return new BroadcastProcessOperator<>(process.function(), process.broadcastStates());
        } else if (operation instanceof Operation.KeyedBroadcastProcess process) {
            return new KeyedBroadcastProcessOperator<>(process.function(), process.broadcastStates());
        } else if (operation instanceof Operation.IntervalJoin join) {
            return new IntervalJoinOperator<>(join.function(), join.lower(), join.upper(), join.leftType(),
                    join.rightType(), join.lateLeft(), join.lateRight());
        } else if (operation instanceof Operation.SolutionSetJoin join) {
            return IterationOperators.solutionSetJoin(join);
        } else if (operation instanceof Operation.SolutionSetCoGroup coGroup) {
            return IterationOperators.solutionSetCoGroup(coGroup, memoryShare);
        } else if (operation instanceof Operation.WindowAggregation window) {
            return new WindowOperator<>(window.assigner(), window.trigger(), windowContents(window), window.evictor(),
                    window.inputType(), window.allowedLateness(), window.lateDataTag(), window.function());
        }
        throw new IllegalArgumentException("No operator for " + operation.getClass().getName());
    }

    /** A batch operator, with {@code memoryShare} of its slot's managed memory. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static StreamOperator<?> createBatchOperator(Operation.Batch operation, double memoryShare) {
        if (operation instanceof Operation.HashCombine combine) {
            return new HashCombineOperator<>(combine.function(), combine.type(), combine.keys(), memoryShare);
        } else if (operation instanceof Operation.SortReduce reduce) {
            return new SortReduceOperator<>(reduce.function(), reduce.type(), reduce.keys(), memoryShare);
        } else if (operation instanceof Operation.HashReduce reduce) {
            return new HashReduceOperator<>(reduce.function(), reduce.type(), reduce.keys(), memoryShare);
        } else if (operation instanceof Operation.SortedReduce reduce) {
            return new SortedReduceOperator<>(reduce.function(), reduce.type(), reduce.keys());
        } else if (operation instanceof Operation.SortGroupReduce reduce) {
            return new SortGroupReduceOperator<>(reduce.function(), reduce.type(), reduce.keys(), reduce.order(),
                    reduce.orderAscending(), memoryShare);
        } else if (operation instanceof Operation.SortPartition sort) {
            return new SortPartitionOperator<>(sort.type(), sort.order(), sort.ascending(), memoryShare);
        } else if (operation instanceof Operation.HashJoin join) {
            return new HashJoinOperator<>(join, memoryShare);
        } else if (operation instanceof Operation.SortMergeCoGroup coGroup) {
            return new SortMergeCoGroupOperator<>(coGroup, memoryShare);
        } else if (operation instanceof Operation.Cross cross) {
            return new CrossOperator<>(cross, memoryShare);
        }
        throw new IllegalArgumentException("No batch operator for " + operation.getClass().getName());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static WindowContents<?, ?> windowContents(Operation.WindowAggregation<?, ?, ?, ?, ?> window) {
        if (window.reducer() != null) {
            return WindowContents.reducing((ReduceFunction) window.reducer(),
                    (TypeInfo) window.inputType());
        }
        if (window.aggregator() != null) {
            return WindowContents.aggregating((AggregateFunction) window.aggregator(),
                    (TypeInfo) window.accumulatorType());
        }
        return WindowContents.allElements(window.inputType());
    }
}
